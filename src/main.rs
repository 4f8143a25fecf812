use clap::Parser;

// Rendering allocates many short-lived strings on every core; glibc's
// allocator spent a fifth of a build in malloc and free, mimalloc far less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = clarion::cli::Cli::parse();
    std::process::exit(clarion::cmd::run(cli));
}
