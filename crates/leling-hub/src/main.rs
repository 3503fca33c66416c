fn main() -> std::process::ExitCode {
    leling_hub::cli::run()
}
