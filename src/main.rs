fn main() -> std::process::ExitCode {
    leling::cli::run()
}
