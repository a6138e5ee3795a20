//! `kelisim text …`: the text engine on the command line. No database: these
//! commands read files and standard input and write JSON.

mod analyze;
mod bench;
mod datasets;
mod figures;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;
use kelisim_text::linear::TrainConfig;
use kelisim_text::training::{self, Settings};
use kelisim_text::Model;

pub use datasets::DataFormat;

#[derive(Subcommand)]
pub enum TextCommand {
    /// Analyse JSON Lines from stdin ({"id", "text", "lang"?, "targets"?}); one JSON line out per line in
    Analyze {
        /// A model made by `kelisim text train` [default: the built-in model]
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Train a model on annotated files; prints what it learned from and its cross-validated figures
    Train {
        /// An annotated file (repeat for several; each with its --format, in order)
        #[arg(long = "input", required = true)]
        inputs: Vec<PathBuf>,
        /// Format of each input (one for all, or one per --input)
        #[arg(long = "format", value_enum, required = true)]
        formats: Vec<DataFormat>,
        /// Where to write the model
        #[arg(long)]
        out: PathBuf,
        /// Skip the five-fold cross-validation (no figures, no calibration)
        #[arg(long)]
        no_cross_validation: bool,
        /// Seed of the linear stage's training order (the default model's: 7). Another seed
        /// moves the figures by about ±0.005: train with several before trusting a difference
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Figures of a model on an annotated file: precision, recall, F1, macro-F1, ROC-AUC, average precision
    Eval {
        #[arg(long = "input", required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long = "format", value_enum, required = true)]
        formats: Vec<DataFormat>,
        /// A model made by `kelisim text train` [default: the built-in model]
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Throughput of the engine on one core against a bare Aho-Corasick scan of its lexicons
    Bench {
        /// JSON Lines as for `analyze`
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
        /// Seconds to spend on each measurement (at least one pass is made)
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
}

fn load_model(path: Option<&Path>) -> anyhow::Result<std::borrow::Cow<'static, Model>> {
    match path {
        None => Ok(std::borrow::Cow::Borrowed(Model::builtin())),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read the model {}", p.display()))?;
            Ok(std::borrow::Cow::Owned(Model::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?))
        }
    }
}

/// Pairs each input with its format: one format for all, or one each.
fn paired(inputs: &[PathBuf], formats: &[DataFormat]) -> anyhow::Result<Vec<(PathBuf, DataFormat)>> {
    match formats.len() {
        1 => Ok(inputs.iter().map(|i| (i.clone(), formats[0])).collect()),
        n if n == inputs.len() => Ok(inputs.iter().cloned().zip(formats.iter().copied()).collect()),
        n => bail!("{} --input but {n} --format: give one --format for all inputs or one per input", inputs.len()),
    }
}

pub fn run(command: &TextCommand) -> anyhow::Result<ExitCode> {
    match command {
        TextCommand::Analyze { model } => {
            let model = load_model(model.as_deref())?;
            analyze::run(&model, std::io::stdin().lock(), std::io::stdout().lock())?;
        }
        TextCommand::Train { inputs, formats, out, no_cross_validation, seed } => {
            let sources = paired(inputs, formats)?;
            let mut examples = Vec::new();
            for (k, (path, format)) in sources.iter().enumerate() {
                examples.append(&mut datasets::read(path, *format, k)?);
            }
            // Counted among all the sources: ordinary writing teaches beside the others.
            let learned_from: Vec<_> = sources.iter().enumerate().map(|(k, (path, format))| (path.clone(), *format, training::counts_of_source(&examples, k))).collect();
            let description = datasets::describe(&learned_from);
            let defaults = Settings::default();
            let settings = Settings { cross_validate: !no_cross_validation, optimiser: TrainConfig { seed: *seed, ..defaults.optimiser }, ..defaults };
            eprintln!("training on {} texts{} …", examples.len(), if settings.cross_validate { " (five-fold cross-validation first)" } else { "" });
            let mut trained = training::train(&examples, &description, settings);
            if let Some(cv) = &trained.cross_validated {
                trained.model.description.push_str(&format!("\nCross-validated (5 folds): {}", figures::summary(&cv.overall)));
            }
            let bytes = trained.model.to_bytes();
            std::fs::write(out, &bytes).with_context(|| format!("cannot write the model to {}", out.display()))?;
            println!("{}", figures::train_report(&learned_from, trained.cross_validated.as_ref(), out, bytes.len()));
        }
        TextCommand::Eval { inputs, formats, model } => {
            let model = load_model(model.as_deref())?;
            let sources = paired(inputs, formats)?;
            let mut examples = Vec::new();
            for (k, (path, format)) in sources.iter().enumerate() {
                examples.append(&mut datasets::read(path, *format, k)?);
            }
            let f = training::evaluate(&model, &examples);
            println!("{}", figures::to_json(&f));
        }
        TextCommand::Bench { input, model, seconds } => {
            let model = load_model(model.as_deref())?;
            println!("{}", bench::run(&model, input, *seconds)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}
