//! Batches: run the pipeline over many documents on a thread pool and write
//! their records in input order, with a progress bar and per-input errors.
//!
//! Workers take documents as they come and write each one's records as
//! soon as it and every document before it are done, so the output is the
//! same bytes whatever the number of threads. With one thread, the calling
//! thread does it all. A bounded number
//! of documents is in flight, so memory stays flat however many come (a
//! stdin stream is never held whole).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};
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
                // Not `eprintln!`: it panics when stderr is gone, and an
                // unreadable report must not stop the batch.
                self.bar
                    .suspend(|| drop(writeln!(io::stderr(), "briefx: {e}")));
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
    W: Write + Send,
{
    let bar = progress_bar(cfg);
    let mut sink = Sink {
        out,
        bar: &bar,
        summary: Summary::default(),
    };
    if cfg.threads <= 1 {
        run_inline(jobs, pipeline, cfg.emit, &mut sink)?;
    } else {
        run_parallel(jobs, pipeline, cfg.emit, cfg.threads, &mut sink)?;
    }
    sink.out.flush()?;
    bar.finish_and_clear();
    Ok(sink.summary)
}

/// One thread: each job is read, processed and written before the next is
/// taken, and the output is flushed before taking it (a stdin stream's
/// consumer gets each document's records before the next one arrives).
/// No other thread to hand documents to or wake: the cheapest way to run
/// one job at a time.
fn run_inline<I, W>(
    jobs: I,
    pipeline: &Pipeline,
    emit: Emit,
    sink: &mut Sink<'_, W>,
) -> io::Result<()>
where
    I: Iterator<Item = Job>,
    W: Write,
{
    for job in jobs {
        let streamed = matches!(job, Job::Inline(_));
        sink.take(run_job(pipeline, emit, job))?;
        if streamed {
            sink.out.flush()?;
        }
    }
    Ok(())
}

/// Documents in flight per worker: enough to keep every worker busy while
/// one long document holds up the writing, few enough to bound memory.
const IN_FLIGHT_PER_WORKER: usize = 16;

/// What the workers share: the jobs, and the results waiting for their
/// turn with the sink they go to.
struct Shared<'s, 'a, I, W: Write> {
    jobs: Mutex<std::iter::Enumerate<I>>,
    out: Mutex<Ordered<'s, 'a, W>>,
    /// Signalled when a document is written (its slot in the window frees).
    written: Condvar,
    window: usize,
}

/// Results in job order: `next` is the first job not yet written.
struct Ordered<'s, 'a, W: Write> {
    sink: &'s mut Sink<'a, W>,
    next: usize,
    waiting: BTreeMap<usize, Result<Vec<u8>, InputError>>,
    /// The first write error: the batch stops.
    error: Option<io::Error>,
    /// Workers waiting on the window (so that writing a document wakes
    /// someone only when someone waits).
    sleepers: usize,
}

/// `threads` workers take jobs as they come and write results in job
/// order themselves: the worker that finishes the next document to write
/// writes it and every finished one after it, then flushes if the next is
/// not ready yet (so a stdin stream's consumer gets each document as soon
/// as it can be written). No thread exists only to hand over jobs or to
/// write, so a document costs no thread wake-ups: workers block only on a
/// lock held for a moment or, rarely, on the window.
///
/// A worker takes job `i` only once fewer than `IN_FLIGHT_PER_WORKER *
/// threads` documents before it wait to be written: that many at most are
/// held at once (read, processing or finished but waiting their turn),
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
    W: Write + Send,
{
    let shared = Shared {
        jobs: Mutex::new(jobs.enumerate()),
        out: Mutex::new(Ordered {
            sink,
            next: 0,
            waiting: BTreeMap::new(),
            error: None,
            sleepers: 0,
        }),
        written: Condvar::new(),
        window: IN_FLIGHT_PER_WORKER * threads,
    };
    thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|| work(&shared, pipeline, emit));
        }
        work(&shared, pipeline, emit);
    });
    let ordered = shared.out.into_inner().unwrap_or_else(|e| e.into_inner());
    match ordered.error {
        Some(e) => Err(e),
        None => {
            debug_assert!(ordered.waiting.is_empty(), "every job is written");
            Ok(())
        }
    }
}

/// One worker of [`run_parallel`]: until the jobs run out or writing fails.
fn work<I, W>(shared: &Shared<'_, '_, I, W>, pipeline: &Pipeline, emit: Emit)
where
    I: Iterator<Item = Job>,
    W: Write,
{
    // Should this worker panic outside the per-document guard (reading
    // a job, writing), the others must not wait for its document forever.
    let _stop = StopOthersOnPanic(shared);
    loop {
        // The lock is held only to take the next job (or, from stdin, while
        // it is read).
        let next = shared.jobs.lock().unwrap_or_else(|e| e.into_inner()).next();
        let Some((i, job)) = next else { return };
        {
            let mut out = shared.out.lock().unwrap_or_else(|e| e.into_inner());
            while out.error.is_none() && i >= out.next + shared.window {
                out.sleepers += 1;
                out = shared.written.wait(out).unwrap_or_else(|e| e.into_inner());
                out.sleepers -= 1;
            }
            if out.error.is_some() {
                return;
            }
        }
        let result = run_job(pipeline, emit, job);
        let mut out = shared.out.lock().unwrap_or_else(|e| e.into_inner());
        if out.error.is_some() {
            return;
        }
        out.waiting.insert(i, result);
        let before = out.next;
        let failed = match out.write_ready() {
            Ok(()) => false,
            Err(e) => {
                out.error = Some(e);
                true
            }
        };
        if out.sleepers > 0 && (failed || out.next > before) {
            shared.written.notify_all();
        }
        if failed {
            return;
        }
    }
}

/// Stops the batch if its worker unwinds: records an error and wakes the
/// workers waiting on the window (the panic itself then ends the scope).
struct StopOthersOnPanic<'x, 's, 'a, I, W: Write>(&'x Shared<'s, 'a, I, W>);

impl<I, W: Write> Drop for StopOthersOnPanic<'_, '_, '_, I, W> {
    fn drop(&mut self) {
        if thread::panicking() {
            let mut out = self.0.out.lock().unwrap_or_else(|e| e.into_inner());
            if out.error.is_none() {
                out.error = Some(io::Error::other("a worker panicked"));
            }
            self.0.written.notify_all();
        }
    }
}

impl<W: Write> Ordered<'_, '_, W> {
    /// Write every waiting result from `next` on that is ready, then flush
    /// if any was written (the one after is not ready: a stream's consumer
    /// gets what there is now).
    fn write_ready(&mut self) -> io::Result<()> {
        let mut wrote = false;
        while let Some(result) = self.waiting.remove(&self.next) {
            self.sink.take(result)?;
            self.next += 1;
            wrote = true;
        }
        if wrote {
            self.sink.out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Document;
    use crate::pipeline::Options;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A short document; the first one is long, so that other workers
    /// would run far ahead of it without the window.
    fn doc(i: usize) -> Job {
        let sentence = format!(
            "Moscow signaled on {} March that Russia would stay. ",
            i % 28 + 1
        );
        Job::Inline(Document {
            id: format!("d{i}"),
            path: None,
            text: sentence.repeat(if i == 0 { 4000 } else { 1 }),
            given_dct: None,
        })
    }

    fn config(threads: usize) -> BatchConfig {
        BatchConfig {
            emit: "documents".parse().unwrap(),
            threads,
            progress: false,
            total: None,
        }
    }

    /// Counts the documents written (one `write_all` of a whole record
    /// set each: the output is one line per document).
    struct Counting {
        lines: Arc<AtomicUsize>,
        /// Fail once this many documents were written.
        fail_after: usize,
        bytes: Vec<u8>,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.lines.load(Ordering::SeqCst) >= self.fail_after {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            let n = buf.iter().filter(|&&b| b == b'\n').count();
            self.lines.fetch_add(n, Ordering::SeqCst);
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn documents_in_flight_stay_within_the_window() {
        let pipeline = Pipeline::with_defaults(Options::default());
        for threads in [1, 2, 3] {
            let lines = Arc::new(AtomicUsize::new(0));
            let taken = Arc::new(AtomicUsize::new(0));
            let most = Arc::new(AtomicUsize::new(0));
            let n = 40 * IN_FLIGHT_PER_WORKER * threads;
            let jobs = {
                let (lines, taken, most) = (lines.clone(), taken.clone(), most.clone());
                (0..n).map(move |i| {
                    let t = taken.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(t - lines.load(Ordering::SeqCst), Ordering::SeqCst);
                    doc(i)
                })
            };
            let mut out = Counting {
                lines: lines.clone(),
                fail_after: usize::MAX,
                bytes: Vec::new(),
            };
            let s = run(jobs, &pipeline, &config(threads), &mut out).unwrap();
            assert_eq!((s.documents, s.failed), (n, 0));
            assert_eq!(lines.load(Ordering::SeqCst), n);
            // In job order.
            let ids: Vec<String> = out
                .bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| serde_json::from_slice::<serde_json::Value>(l).unwrap()["doc"].to_string())
                .collect();
            let want: Vec<String> = (0..n).map(|i| format!("\"d{i}\"")).collect();
            assert_eq!(ids, want);
            // Taken but not written: at most the window, plus one job per
            // worker taken while it waits for a slot.
            let window = IN_FLIGHT_PER_WORKER * threads;
            let most = most.load(Ordering::SeqCst);
            assert!(
                most <= window + threads,
                "{most} in flight, {threads} threads"
            );
        }
    }

    #[test]
    fn a_write_error_stops_every_worker() {
        for (threads, fail_after) in [(1, 5), (2, 5), (4, 5), (2, 0), (4, 0)] {
            // On a thread of its own with a deadline: a hang is the failure
            // to catch (a scoped thread would be waited for).
            let (done, finished) = std::sync::mpsc::channel();
            thread::spawn(move || {
                let pipeline = Pipeline::with_defaults(Options::default());
                let lines = Arc::new(AtomicUsize::new(0));
                let mut out = Counting {
                    lines: lines.clone(),
                    fail_after,
                    bytes: Vec::new(),
                };
                // Far more jobs than could be in flight: the batch must stop
                // taking them, not run through them all.
                let taken = Arc::new(AtomicUsize::new(0));
                let jobs = {
                    let taken = taken.clone();
                    (0..100_000).map(move |i| {
                        taken.fetch_add(1, Ordering::SeqCst);
                        doc(i)
                    })
                };
                let err = run(jobs, &pipeline, &config(threads), &mut out).map(|_| ());
                let written = lines.load(Ordering::SeqCst);
                done.send((err, written, taken.load(Ordering::SeqCst)))
                    .unwrap();
            });
            let (err, written, taken) = finished
                .recv_timeout(std::time::Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("the batch hung ({threads} threads)"));
            assert_eq!(err.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
            assert_eq!(written, fail_after);
            assert!(taken < 1000, "{taken} jobs taken after the error");
        }
    }
}
