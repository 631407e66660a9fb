//! Standard output for the command line.

use std::io::Write;

/// Standard output that notes when its reader has gone away (a closed
/// pipe): the command stops at its next write, as before, and `main` can
/// tell a cut-short listing from a failure.
pub(super) struct Stdout<W: Write> {
    inner: W,
    pub(super) reader_gone: bool,
}

impl<W: Write> Stdout<W> {
    pub(super) fn new(inner: W) -> Self {
        Stdout { inner, reader_gone: false }
    }

    fn noted<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            self.reader_gone = true;
        }
        result
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        self.noted(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.noted(flushed)
    }
}

#[cfg(test)]
mod tests {
    use super::Stdout;
    use std::io::Write;

    /// A pipe whose reader has gone after `room` bytes.
    struct Closing {
        room: usize,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_reader_gone_is_noted_and_other_failures_are_not() {
        let mut out = Stdout::new(Closing { room: 4 });
        assert!(writeln!(out, "RAG Ref").is_err());
        assert!(out.reader_gone);
        let mut fine = Stdout::new(Vec::new());
        writeln!(fine, "RAG Ref").unwrap();
        assert!(!fine.reader_gone);
    }
}
