// Links libvshop.so as `pkg-config vshop` says (PKG_CONFIG_PATH names the pkgconfig folder of
// an installed vshop) and hands its folder to the crates using this one (DEP_VSHOP_LIBDIR), so
// that a binary can record it as its run path.
fn main() {
    let library = pkg_config::Config::new()
        .atleast_version("0.1")
        .probe("vshop")
        .unwrap_or_else(|e| panic!("vshop not found through pkg-config: {e}"));
    if let Some(dir) = library.link_paths.first() {
        println!("cargo:libdir={}", dir.display());
    }
}
