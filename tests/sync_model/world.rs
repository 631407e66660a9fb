//! The laptops: a bare "server" repository and two or three clones of the
//! sample board, each with its own git user, and the real `gavel` binary
//! run in them as a secretary would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_gavel");
/// Every process and every in-process save runs at this instant.
pub const NOW: &str = "2022-03-03T11:00:00+00:00";

pub struct World {
    _dir: tempfile::TempDir,
    home: PathBuf,
    pub clones: Vec<PathBuf>,
}

/// The name each laptop's user goes by (git's user.name and gavel's author).
pub fn laptop(c: usize) -> String {
    format!("Laptop {}", (b'A' + c as u8) as char)
}

impl World {
    pub fn new(laptops: usize) -> World {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_path_buf();
        let server = dir.path().join("board.git");
        let clones: Vec<PathBuf> =
            (0..laptops).map(|c| dir.path().join(format!("{}", (b'a' + c as u8) as char))).collect();
        let world = World { _dir: dir, home, clones };
        world.must(world.run(&world.home, "git", &["init", "--quiet", "--bare", server.to_str().unwrap()], 0));
        world.must(world.run(&world.home, BIN, &["init", world.path(0), "--sample", "--git"], 0));
        world.identify(0);
        world.must(world.git(0, &["remote", "add", "origin", server.to_str().unwrap()]));
        world.must(world.gavel(0, &["sync"]));
        for c in 1..laptops {
            world.must(world.run(
                &world.home,
                "git",
                &["clone", "--quiet", server.to_str().unwrap(), world.path(c)],
                c,
            ));
            world.identify(c);
        }
        world
    }

    fn identify(&self, c: usize) {
        let email = format!("laptop{c}@example.org");
        self.must(self.git(c, &["config", "user.name", &laptop(c)]));
        self.must(self.git(c, &["config", "user.email", &email]));
    }

    pub fn path(&self, c: usize) -> &str {
        self.clones[c].to_str().unwrap()
    }

    pub fn root(&self, c: usize) -> &Path {
        &self.clones[c]
    }

    fn run(&self, dir: &Path, program: &str, args: &[&str], c: usize) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(dir)
            .env("GAVEL_NOW", NOW)
            .env("GAVEL_USER", laptop(c))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.home)
            .env_remove("GAVEL_WORKSPACE")
            .output()
            .unwrap()
    }

    /// `gavel ARGS -w CLONE` on laptop `c`.
    pub fn gavel(&self, c: usize, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-w", self.path(c)]);
        self.run(self.root(c), BIN, &all, c)
    }

    pub fn git(&self, c: usize, args: &[&str]) -> Output {
        self.run(self.root(c), "git", args, c)
    }

    /// The meeting's minutes as `gavel export minutes` writes them (Markdown).
    pub fn minutes(&self, c: usize, date: &str) -> String {
        let out = self.gavel(c, &["export", "minutes", "--meeting", date]);
        assert!(out.status.success(), "exporting the minutes of {date}: {}", said(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn must(&self, out: Output) {
        assert!(out.status.success(), "setting up the laptops: {}", said(&out));
    }

    /// Every file of a laptop's workspace but git's own and gavel's
    /// bookkeeping (lock, spare, identity), with its bytes.
    pub fn files(&self, c: usize) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut dirs = vec![self.root(c).to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name == ".git" || name.starts_with(".gavel.") {
                    continue;
                }
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let rel = path.strip_prefix(self.root(c)).unwrap().to_string_lossy().into_owned();
                    out.push((rel, std::fs::read(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }
}

/// What a process said, both streams.
pub fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)).trim().to_string()
}
