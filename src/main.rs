use clap::Parser;

fn main() {
    let cli = clarion::cli::Cli::parse();
    std::process::exit(clarion::cmd::run(cli));
}
