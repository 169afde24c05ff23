fn main() {
    std::process::exit(seam::cli::main());
}
