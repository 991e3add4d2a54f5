//! Batches: run the pipeline over many documents on a thread pool and write
//! their records in input order, with a progress bar and per-input errors.
//!
//! Workers take documents as they come and the calling thread writes each
//! one's records as soon as it and every document before it are done, so the
//! output is the same bytes whatever the number of threads. A bounded number
//! of documents is in flight, so memory stays flat however many come (a
//! stdin stream is never held whole).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};
use std::thread;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    let source = match &doc.path {
        Some(p) => p.display().to_string(),
        None => doc.id.clone(),
    };
    // A bug that panics on one document is reported against it, and the
    // batch goes on (the panic message itself goes to stderr first).
    panic::catch_unwind(AssertUnwindSafe(|| {
        let result = pipeline.process(doc);
        // `write_doc` reserves what the records take.
        let mut buf = Vec::new();
        write_doc(&mut buf, &result, emit, pipeline.gazetteer());
        buf
    }))
    .map_err(|_| InputError {
        source,
        message: "internal error: briefx panicked on this document (please report it)".into(),
    })
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

/// Where finished documents go: their records to `out` in job order, their
/// errors to stderr, and both into the counts.
struct Sink<'a, W: Write> {
    out: &'a mut W,
    bar: &'a ProgressBar,
    summary: Summary,
}

impl<W: Write> Sink<'_, W> {
    fn take(&mut self, result: Result<Vec<u8>, InputError>) -> io::Result<()> {
        match result {
            Ok(buf) => {
                self.summary.documents += 1;
                self.out.write_all(&buf)?;
            }
            Err(e) => {
                self.summary.failed += 1;
                self.bar.suspend(|| eprintln!("briefx: {e}"));
            }
        }
        self.bar.inc(1);
        Ok(())
    }
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
    I: Iterator<Item = Job> + Send,
    W: Write,
{
    let bar = progress_bar(cfg);
    let mut sink = Sink {
        out,
        bar: &bar,
        summary: Summary::default(),
    };
    run_parallel(jobs, pipeline, cfg.emit, cfg.threads.max(1), &mut sink)?;
    sink.out.flush()?;
    bar.finish_and_clear();
    Ok(sink.summary)
}

/// Documents in flight per worker: enough to keep every worker busy while
/// one long document holds up the writer, few enough to bound memory.
const IN_FLIGHT_PER_WORKER: usize = 16;

/// `threads` workers process jobs as they come; this thread writes their
/// results in job order as soon as each one and all before it are done.
/// With one worker too, so a stdin stream's consumer gets each document's
/// records without waiting for the next document to arrive.
///
/// A feeder thread pulls the jobs, so reading (stdin) overlaps processing.
/// It must hold a ticket per job in flight, and the writer returns a ticket
/// per document written: at most `IN_FLIGHT_PER_WORKER * threads` documents
/// (read, processing or finished but waiting their turn) are held at once,
/// however long the stream.
fn run_parallel<I, W>(
    jobs: I,
    pipeline: &Pipeline,
    emit: Emit,
    threads: usize,
    sink: &mut Sink<'_, W>,
) -> io::Result<()>
where
    I: Iterator<Item = Job> + Send,
    W: Write,
{
    let window = IN_FLIGHT_PER_WORKER * threads;
    let (ticket_tx, ticket_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        ticket_tx.send(()).expect("the receiver is alive");
    }
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Job)>(window);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Vec<u8>, InputError>)>();
    thread::scope(|scope| {
        scope.spawn(move || {
            for (i, job) in jobs.enumerate() {
                // Both fail only when the writer has stopped.
                if ticket_rx.recv().is_err() || job_tx.send((i, job)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next job.
                    let next = job_rx.lock().expect("no worker panics holding it").recv();
                    let Ok((i, job)) = next else { break };
                    if done_tx.send((i, run_job(pipeline, emit, job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let written = write_in_order(&done_rx, sink, &ticket_tx);
        // On a write error, dropping these stops the feeder and the workers.
        drop(done_rx);
        drop(ticket_tx);
        written
    })
}

/// Receive results in any order and write them in job order, flushing
/// whenever the next result is not ready yet (so a stream's consumer sees
/// each document as soon as it can be written).
fn write_in_order<W: Write>(
    done: &mpsc::Receiver<(usize, Result<Vec<u8>, InputError>)>,
    sink: &mut Sink<'_, W>,
    tickets: &mpsc::SyncSender<()>,
) -> io::Result<()> {
    let mut waiting: BTreeMap<usize, Result<Vec<u8>, InputError>> = BTreeMap::new();
    let mut next = 0;
    loop {
        let (i, result) = match done.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => {
                sink.out.flush()?;
                match done.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&next) {
            sink.take(result)?;
            next += 1;
            // The feeder may have finished and dropped its receiver.
            let _ = tickets.send(());
        }
    }
    debug_assert!(waiting.is_empty(), "every job before a result is written");
    Ok(())
}
