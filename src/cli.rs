//! Command line: raw flags (clap) → validated settings → the run.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::batch::{self, BatchConfig};
use crate::date::Date;
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Job};
use crate::output::Emit;
use crate::pipeline::{Options, Pipeline, default_gazetteer};
use std::sync::Arc;

/// Turn a folder of policy briefs into structured data (JSON Lines).
#[derive(Parser, Debug)]
#[command(name = "briefx", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract sentences, actor/place/date mentions and triples from briefs.
    Extract(ExtractArgs),
    /// Score extraction against hand-labeled gold files.
    Eval(crate::eval::EvalArgs),
    /// Work with gazetteer folders.
    #[command(subcommand)]
    Gazetteers(GazetteerCommand),
    /// Train the part-of-speech model (the shipped src/pos/en_ewt.postag)
    /// from Universal Dependencies CoNLL-U files.
    TrainPos(TrainPosArgs),
}

#[derive(Args, Debug)]
pub struct TrainPosArgs {
    /// Training files (CoNLL-U), e.g. en_ewt-ud-train.conllu.
    #[arg(required = true)]
    pub train: Vec<PathBuf>,
    /// Files to report accuracy on (e.g. dev and test).
    #[arg(long = "eval")]
    pub eval: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, default_value = "src/pos/en_ewt.postag")]
    pub output: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 8)]
    pub iterations: usize,
    /// Seed of the shuffling (the same data and seed give the same bytes).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Subcommand, Debug)]
pub enum GazetteerCommand {
    /// Validate a gazetteer folder (default: the embedded gazetteers) and print counts by kind.
    Check {
        /// Folder of *.tsv files and stoplist.txt.
        dir: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders (recursive, .txt and .md); `-` reads JSON Lines
    /// documents {"id", "text", "dct"} from stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Records to write: sentences, mentions, triples, documents (comma list), or doc.
    #[arg(long, default_value = "triples")]
    pub emit: String,
    /// Output file (default: stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Document date YYYY-MM-DD, overriding each brief's own.
    #[arg(long)]
    pub dct: Option<String>,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Gazetteer folder to use instead of the embedded one.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
    /// Keep triples whose subject and object hold no actor (all clauses, as
    /// Open IE systems extract them).
    #[arg(long)]
    pub all_clauses: bool,
}

/// How a command ended.
pub enum Outcome {
    /// Everything processed.
    Ok,
    /// Some inputs failed (exit 2) or a check failed (exit 1).
    Failed(i32),
}

/// A usage or setup error, printed as `briefx: ...` with exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

/// Write a report to stdout; a closed pipe comes back as an error (which
/// `main` turns into a quiet exit) instead of a panic.
pub fn write_stdout(s: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub fn extract(args: ExtractArgs) -> Result<Outcome, Box<dyn std::error::Error>> {
    let emit: Emit = args.emit.parse().map_err(|e| format!("--emit: {e}"))?;
    let dct = match args.dct.as_deref() {
        None => None,
        Some(s) => Some(
            Date::parse_iso(s).ok_or_else(|| format!("--dct: {s:?} is not a YYYY-MM-DD date"))?,
        ),
    };
    let threads = args.jobs.unwrap_or_else(default_threads).max(1);
    // Document records count triples, and `doc` carries them.
    let no_triples = !(emit.triples || emit.doc || emit.documents);
    // The part-of-speech model loads on a second thread while the
    // gazetteers load here.
    let gazetteer = std::thread::scope(|s| {
        if !no_triples {
            s.spawn(crate::pipeline::default_tagger);
        }
        load_gazetteer(args.gazetteers.as_deref())
    })?;
    let pipeline = Pipeline::new(
        Options {
            dct,
            all_clauses: args.all_clauses,
            no_triples,
        },
        gazetteer,
    );

    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err("`-` (stdin) may be given only once".into());
    }
    let mut file_jobs: Vec<Vec<Job>> = Vec::new();
    let mut total = 0u64;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            file_jobs.push(Vec::new());
        } else {
            let jobs = ingest::list_path(p);
            total += jobs.len() as u64;
            file_jobs.push(jobs);
        }
    }
    // Unlocked, so the batch's feeder thread can read it.
    let mut stdin_iter = Some(ingest::stdin_jobs(io::BufReader::new(io::stdin())));
    let mut jobs_iter: Vec<Box<dyn Iterator<Item = Job> + Send>> = Vec::new();
    for (p, jobs) in args.paths.iter().zip(file_jobs) {
        if p.as_os_str() == "-" {
            if let Some(it) = stdin_iter.take() {
                jobs_iter.push(Box::new(it));
            }
        } else {
            jobs_iter.push(Box::new(jobs.into_iter()));
        }
    }
    let jobs = jobs_iter.into_iter().flatten();

    let cfg = BatchConfig {
        emit,
        threads,
        progress: !args.quiet && io::stderr().is_terminal(),
        total: if stdin_count == 0 { Some(total) } else { None },
    };
    let summary = match &args.output {
        Some(path) => {
            let f = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut w = BufWriter::new(f);
            let s = batch::run(jobs, &pipeline, &cfg, &mut w)?;
            w.flush()?;
            s
        }
        None => {
            // Not locked: the batch's workers write to it. The default
            // 8 KB buffer: a document's records (tens of KB) are written
            // straight from their own buffer instead of being copied into
            // this one first; small ones are still gathered.
            let mut w = BufWriter::new(io::stdout());
            let s = batch::run(jobs, &pipeline, &cfg, &mut w)?;
            w.flush()?;
            s
        }
    };
    if summary.failed > 0 {
        if !args.quiet {
            // The exit status says it too: a closed stderr is no reason to
            // panic (`eprintln!` would).
            let _ = writeln!(
                io::stderr(),
                "briefx: {} of {} inputs failed",
                summary.failed,
                summary.failed + summary.documents
            );
        }
        return Ok(Outcome::Failed(2));
    }
    Ok(Outcome::Ok)
}

/// The embedded gazetteers, or those of `dir`; errors list every bad line.
pub fn load_gazetteer(
    dir: Option<&std::path::Path>,
) -> Result<Arc<Gazetteer>, Box<dyn std::error::Error>> {
    let loaded = match dir {
        Some(d) => Gazetteer::from_dir(d).map(Arc::new),
        None => default_gazetteer(),
    };
    loaded.map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        format!("gazetteer errors:\n{}", lines.join("\n")).into()
    })
}

fn gazetteers_check(dir: Option<PathBuf>) -> Result<Outcome, Box<dyn std::error::Error>> {
    let g = load_gazetteer(dir.as_deref())?;
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in g.entries() {
        *by_kind.entry(e.kind.as_str()).or_default() += 1;
    }
    let mut out = String::new();
    for (file, n) in &g.files {
        out.push_str(&format!("{file}: {n} entries\n"));
    }
    for (k, n) in by_kind {
        out.push_str(&format!("{k:<10} {n}\n"));
    }
    out.push_str(&format!(
        "{:<10} {} entries, {} surface forms\n",
        "total",
        g.entries().len(),
        g.patterns.len()
    ));
    write_stdout(&out)?;
    Ok(Outcome::Ok)
}

fn train_pos(a: TrainPosArgs) -> Result<Outcome, Box<dyn std::error::Error>> {
    use crate::pos;
    let t = std::time::Instant::now();
    let model = pos::train(&a.train, a.iterations, a.seed)?;
    let bytes = model.to_bytes();
    std::fs::write(&a.output, &bytes).map_err(|e| format!("{}: {e}", a.output.display()))?;
    eprintln!(
        "briefx: trained in {:.1} s, wrote {} ({} bytes)",
        t.elapsed().as_secs_f64(),
        a.output.display(),
        bytes.len()
    );
    let tagger = pos::Tagger::new(model);
    for f in &a.eval {
        let gold = pos::conllu::read_files(std::slice::from_ref(f))?;
        let mut stats = pos::conllu::AlignStats::default();
        let sents: Vec<_> = gold.iter().map(|g| g.retokenized(&mut stats)).collect();
        let acc = pos::eval::evaluate(&tagger, &sents);
        write_stdout(&format!(
            "{}: {} tokens, XPOS {:.2}%, UPOS {:.2}%\n",
            f.display(),
            acc.tokens,
            acc.xpos_pct(),
            acc.upos_pct()
        ))?;
    }
    Ok(Outcome::Ok)
}

pub fn run(cli: Cli) -> Result<Outcome, Box<dyn std::error::Error>> {
    match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => crate::eval::run(a),
        Command::Gazetteers(GazetteerCommand::Check { dir }) => gazetteers_check(dir),
        Command::TrainPos(a) => train_pos(a),
    }
}
