//! A model-based random test of `gavel sync` (issue 26): two or three
//! laptops, clones of one bare repository; each step picks a laptop and
//! either a random change of every kind gavel can make (adds that clash on
//! refs and initials, edits of the same field, deletes, closes, reorders,
//! approvals, people edits, hand edits committed with plain git) or a sync.
//! At the end every laptop syncs twice, and the result is checked against
//! an oracle that applied every change once (see `sync_model/checks.rs`).
//!
//! GAVEL_SYNC_CASES=N runs N sequences (seeds GAVEL_SYNC_BASE.., default 1..);
//! GAVEL_SYNC_SECONDS=S as many as fit in S seconds (CI=true: 240);
//! GAVEL_SYNC_SEED=S replays one; GAVEL_SYNC_STEPS sets their length;
//! GAVEL_SYNC_SHRINK=1 shortens the failing ones that are known to fail too.

#[path = "sync_model/apply.rs"]
mod apply;
#[path = "sync_model/apply_more.rs"]
mod apply_more;
#[path = "sync_model/checks.rs"]
mod checks;
#[path = "sync_model/oracle.rs"]
mod oracle;
#[path = "sync_model/rng.rs"]
mod rng;
#[path = "sync_model/steps.rs"]
mod steps;
#[path = "sync_model/world.rs"]
mod world;

use apply::Failure;
use steps::Op;

/// Properties that need the merge by identity (the other half of issue 26)
/// and fail until it is merged: reported, not failing the test. Empty this
/// list once that work is in.
const KNOWN_FAILING: &[&str] = &[];

/// Seeds that once failed, run every time: 7498, an action deleted on one
/// laptop after the other's merge had only renumbered it came back; 9038,
/// a risk rescored on both laptops got one's likelihood and the other's
/// impact; 5137, a ref given on both laptops and archived on one hid the
/// archived action; 40167, a hand edit on one laptop of an action the other
/// dropped and archived was lost when the two copies were folded.
const FOUND: &[u64] = &[7498, 9038, 5137, 40167];

/// CI's share of time for random sequences, in seconds.
const CI_SECONDS: u64 = 240;

/// How many steps of each kind were done (not skipped), over every sequence.
static DONE: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

fn count(op: &Op) {
    let kind = format!("{op:?}").split([' ', '{']).next().unwrap_or("").to_string();
    *DONE.lock().unwrap().entry(kind).or_default() += 1;
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// One sequence: its steps (laptop, step) and what it broke.
struct Case {
    seed: u64,
    laptops: usize,
    steps: Vec<(usize, Op)>,
    failures: Vec<Failure>,
}

/// Runs `seed`'s random sequence of `length` steps.
fn random(seed: u64, length: usize) -> Case {
    let laptops = 2 + (seed % 2) as usize;
    let mut rng = rng::Rng::new(seed);
    let mut made = steps::Made::default();
    let world = world::World::new(laptops);
    let initial = apply::read(&world, 0).expect("the sample reads");
    let mut oracle = oracle::Oracle::new(laptops);
    let (mut steps, mut failures) = (Vec::new(), Vec::new());
    for _ in 0..length {
        let c = rng.below(laptops);
        let Ok(ws) = apply::read_live(&world, c) else { break };
        let op = steps::generate(&mut rng, &ws, &mut made);
        let went = apply::apply(&world, &mut oracle, &initial, c, &op);
        if let Ok(apply::Outcome::Done) = went {
            count(&op);
        }
        steps.push((c, op));
        if let Err(f) = went {
            failures.push(f);
            break;
        }
    }
    finish(&world, &mut oracle, &mut failures);
    Case { seed, laptops, steps, failures }
}

/// The given steps replayed on fresh laptops: what they break.
fn replay(laptops: usize, steps: &[(usize, Op)]) -> Vec<Failure> {
    let world = world::World::new(laptops);
    let initial = apply::read(&world, 0).expect("the sample reads");
    let mut oracle = oracle::Oracle::new(laptops);
    let mut failures = Vec::new();
    for (c, op) in steps {
        if let Err(f) = apply::apply(&world, &mut oracle, &initial, *c, op) {
            failures.push(f);
            break;
        }
    }
    finish(&world, &mut oracle, &mut failures);
    failures
}

fn finish(world: &world::World, oracle: &mut oracle::Oracle, failures: &mut Vec<Failure>) {
    failures.extend(checks::settle(world, oracle));
    if failures.is_empty() {
        failures.extend(checks::check(world, oracle));
        failures.extend(checks::log(world, oracle));
    }
}

/// The fewest steps that still break `property`, a step at a time, and
/// how they break it.
fn shrink(case: &Case, property: &str) -> (Vec<(usize, Op)>, Vec<Failure>) {
    let mut steps = case.steps.clone();
    let mut failures = case.failures.clone();
    let mut i = steps.len();
    while i > 0 {
        i -= 1;
        let mut fewer = steps.clone();
        fewer.remove(i);
        let broken = replay(case.laptops, &fewer);
        if broken.iter().any(|f| f.property == property) {
            (steps, failures) = (fewer, broken);
        }
    }
    (steps, failures)
}

fn report(case: &Case, (steps, failures): &(Vec<(usize, Op)>, Vec<Failure>), property: &str) -> String {
    let mut text = format!("seed {} ({} laptops), property: {property}\n", case.seed, case.laptops);
    for f in failures.iter().filter(|f| f.property == property) {
        text.push_str(&format!("  {}\n", f.detail));
    }
    text.push_str(&format!("  {} step(s) (GAVEL_SYNC_SEED={} replays):\n", steps.len(), case.seed));
    for (c, op) in steps {
        text.push_str(&format!("    {}: {op:?}\n", world::laptop(*c)));
    }
    text
}

#[test]
fn random_changes_and_syncs_on_two_and_three_laptops_end_as_the_oracle_says() {
    // The in-process saves (the TUI's path) run at the binary's pinned instant.
    // SAFETY: set before any thread of this test binary's only test starts.
    unsafe { std::env::set_var("GAVEL_NOW", world::NOW) };
    let length = env("GAVEL_SYNC_STEPS").unwrap_or(20) as usize;
    // CI runs as many sequences as fit in its share of time (a few hundred);
    // GAVEL_SYNC_SECONDS sets that share anywhere.
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let budget = env("GAVEL_SYNC_SECONDS").or(ci.then_some(CI_SECONDS)).map(std::time::Duration::from_secs);
    let seeds: Vec<u64> = match env("GAVEL_SYNC_SEED") {
        Some(seed) => vec![seed],
        None => {
            // CI starts where the long local runs on this code started (see CHANGELOG).
            let base = env("GAVEL_SYNC_BASE").unwrap_or(if budget.is_some() { 50_000 } else { 1 });
            let cases = env("GAVEL_SYNC_CASES").unwrap_or(if budget.is_some() { 100_000 } else { 24 });
            // The seeds once found failing first, then the sequence from the base.
            let mut seeds: Vec<u64> = FOUND.to_vec();
            seeds.extend((base..base + cases).filter(|s| !FOUND.contains(s)));
            seeds
        }
    };
    let shrink_known = env("GAVEL_SYNC_SHRINK") == Some(1);
    let started = std::time::Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let ran = std::sync::atomic::AtomicUsize::new(0);
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(seed) = seeds.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst)) {
                    if budget.is_some_and(|b| started.elapsed() > b) {
                        break;
                    }
                    let case = random(*seed, length);
                    // A long local run (thousands of sequences) says how far it has got.
                    let done = ran.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    if done.is_multiple_of(50) {
                        let of = if budget.is_some() { String::new() } else { format!(" of {}", seeds.len()) };
                        eprintln!("{done}{of} sequences run, {:.0} s", started.elapsed().as_secs_f64());
                    }
                    let mut properties: Vec<&str> = case.failures.iter().map(|f| f.property).collect();
                    properties.dedup();
                    for property in properties {
                        let known = KNOWN_FAILING.contains(&property);
                        let steps = if !known || shrink_known {
                            shrink(&case, property)
                        } else {
                            (case.steps.clone(), case.failures.clone())
                        };
                        let text = report(&case, &steps, property);
                        eprintln!("{}{text}", if known { "known failing: " } else { "FAILED: " });
                        let mut found = found.lock().unwrap();
                        if known { found.1.push(text) } else { found.0.push(text) }
                    }
                }
            });
        }
    });
    let (failed, known) = found.into_inner().unwrap();
    eprintln!("steps done: {:?}", DONE.lock().unwrap());
    let stopped = |i: usize| apply::STOPPED[i].load(std::sync::atomic::Ordering::Relaxed);
    eprintln!("records checked in the archive: {}", checks::ARCHIVED.load(std::sync::atomic::Ordering::Relaxed));
    eprintln!(
        "plain pulls stopped on a conflict (mended by gavel sync): {}, on uncommitted files: {}",
        stopped(0),
        stopped(1)
    );
    eprintln!(
        "{} sequences of {length} steps in {:.1} s: {} failure(s), {} known failing",
        ran.load(std::sync::atomic::Ordering::SeqCst),
        started.elapsed().as_secs_f64(),
        failed.len(),
        known.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
