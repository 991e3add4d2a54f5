//! Batches: run the pipeline over many documents on a thread pool and write
//! their records in input order, with a progress bar and per-input errors.
//!
//! Jobs are taken in chunks, so memory stays bounded however many documents
//! come (a stdin stream is never held whole); within a chunk documents run in
//! parallel and their records are written in input order, so the output is
//! the same bytes whatever the number of threads.

use std::io::{self, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::ingest::{InputError, Job, read_file};
use crate::output::{Emit, write_doc};
use crate::pipeline::Pipeline;

/// Counts of a finished run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
}

/// How a batch runs.
pub struct BatchConfig {
    pub emit: Emit,
    pub threads: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Number of inputs, when known in advance (files).
    pub total: Option<u64>,
}

fn run_job(pipeline: &Pipeline, emit: Emit, job: Job) -> Result<Vec<u8>, InputError> {
    let doc = match job {
        Job::File { path, id } => read_file(&path, &id)?,
        Job::Inline(doc) => doc,
        Job::Failed(e) => return Err(e),
    };
    let result = pipeline.process(doc);
    // `write_doc` reserves what the records take.
    let mut buf = Vec::new();
    write_doc(&mut buf, &result, emit, pipeline.gazetteer());
    Ok(buf)
}

fn progress_bar(cfg: &BatchConfig) -> ProgressBar {
    if !cfg.progress {
        return ProgressBar::hidden();
    }
    let bar = match cfg.total {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = if cfg.total.is_some() {
        ProgressStyle::with_template("{bar:40} {pos}/{len} briefs {elapsed} (eta {eta})")
    } else {
        ProgressStyle::with_template("{spinner} {pos} briefs {elapsed}")
    };
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// Process every job and write its records to `out` in job order. Errors
/// are printed to stderr as `briefx: SOURCE: MESSAGE` and counted; they
/// never stop the batch. Only a write error on `out` stops it.
pub fn run<I, W>(
    jobs: I,
    pipeline: &Pipeline,
    cfg: &BatchConfig,
    out: &mut W,
) -> io::Result<Summary>
where
    I: Iterator<Item = Job>,
    W: Write,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads.max(1))
        .build()
        .map_err(io::Error::other)?;
    let bar = progress_bar(cfg);
    let chunk_size = 32 * cfg.threads.max(1);
    let mut summary = Summary::default();
    let mut jobs = jobs.peekable();
    let mut chunk: Vec<Job> = Vec::with_capacity(chunk_size);
    while jobs.peek().is_some() {
        chunk.clear();
        chunk.extend(jobs.by_ref().take(chunk_size));
        let results: Vec<Result<Vec<u8>, InputError>> = if cfg.threads <= 1 {
            chunk
                .drain(..)
                .map(|j| run_job(pipeline, cfg.emit, j))
                .collect()
        } else {
            pool.install(|| {
                chunk
                    .par_drain(..)
                    .map(|j| run_job(pipeline, cfg.emit, j))
                    .collect()
            })
        };
        for r in results {
            match r {
                Ok(buf) => {
                    summary.documents += 1;
                    out.write_all(&buf)?;
                }
                Err(e) => {
                    summary.failed += 1;
                    bar.suspend(|| eprintln!("briefx: {e}"));
                }
            }
            bar.inc(1);
        }
        out.flush()?;
    }
    bar.finish_and_clear();
    Ok(summary)
}
