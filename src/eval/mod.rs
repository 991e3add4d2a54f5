//! Scoring against hand-labeled gold files.
use clap::Args;

use crate::cli::Outcome;

#[derive(Args, Debug)]
pub struct EvalArgs {}

pub fn run(_a: EvalArgs) -> Result<Outcome, Box<dyn std::error::Error>> {
    Err("eval: not built yet".into())
}
