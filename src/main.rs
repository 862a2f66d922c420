fn main() {
    std::process::exit(crosswire::cli::main());
}
