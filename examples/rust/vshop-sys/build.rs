// Links libvshop.so as `pkg-config vshop` says (PKG_CONFIG_PATH names the pkgconfig folder of
// an installed vshop) and records its folder as the run path, so the host runs without
// LD_LIBRARY_PATH.
fn main() {
    let library = pkg_config::Config::new()
        .atleast_version("0.1")
        .probe("vshop")
        .unwrap_or_else(|e| panic!("vshop not found through pkg-config: {e}"));
    for dir in &library.link_paths {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
    }
}
