use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use briefx::cli::{self, Cli, Outcome};

/// mimalloc: the pipeline makes many small per-document allocations, which
/// glibc's malloc serves at ~7% of the run and with contention between
/// worker threads.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed(code)) => ExitCode::from(code as u8),
        Err(e) => {
            // `briefx extract ... | head`: a closed pipe is not an error.
            if let Some(ioe) = e.downcast_ref::<io::Error>()
                && ioe.kind() == io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "briefx: {e}");
            ExitCode::from(2)
        }
    }
}
