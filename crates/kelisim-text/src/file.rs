//! The engine's two binary files (`.kmodel`, `.kemb`) share one frame: a
//! magic line, little-endian fields, and a closing `u64` FNV-1a checksum of
//! everything before it. [`Reader`] checks the frame and reads the fields,
//! naming what is wrong.

use crate::hash::fnv1a;

/// Reads the fields of a checked file, in order.
pub struct Reader<'a> {
    body: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Checks the magic and the checksum; the reader starts after the magic.
    /// `what` names the header in the error ("model", "word-vector").
    pub fn open(bytes: &'a [u8], magic: &[u8], what: &str) -> Result<Reader<'a>, String> {
        if !bytes.starts_with(magic) {
            return Err(format!("the file does not start with the {what} header"));
        }
        let (body, sum) = bytes.split_at(bytes.len().checked_sub(8).ok_or("the file is too short")?);
        if fnv1a(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
            return Err("the checksum does not match (truncated or changed file)".into());
        }
        Ok(Reader { body, at: magic.len() })
    }

    /// The next `n` bytes; `what` names them if the file ends first.
    pub fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let v = self.at.checked_add(n).and_then(|end| self.body.get(self.at..end)).ok_or_else(|| format!("the file is truncated ({what})"))?;
        self.at += n;
        Ok(v)
    }

    pub fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().expect("4 bytes")))
    }

    pub fn f32(&mut self, what: &str) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32(what)?))
    }

    /// What is left before the checksum.
    pub fn rest(&self) -> &'a [u8] {
        &self.body[self.at..]
    }
}

/// Appends the checksum that closes a file.
pub fn close(mut out: Vec<u8>) -> Vec<u8> {
    let sum = fnv1a(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}
