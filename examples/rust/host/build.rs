// The folder of libvshop.so (from vshop-sys) becomes the binary's run path, so the host runs
// without LD_LIBRARY_PATH.
fn main() {
    if let Ok(dir) = std::env::var("DEP_VSHOP_LIBDIR") {
        println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{dir}");
    }
}
