//! GitHub Actions workflow commands (`::warning file=…,line=…::message`), which GitHub turns into
//! annotations on the pull request. Lines and columns are 1-based.

use super::json::location;
use crate::analysis::Snapshot;
use crate::findings::{Finding, Severity};

pub fn report(
    snap: &Snapshot,
    findings: &[&Finding],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for f in findings {
        let fig = &snap.article(f.at.article).figures[f.at.figure];
        let loc = location(snap, f.at.article, &fig.span);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information | Severity::Hint => "notice",
        };
        let mut message = f.message.clone();
        for r in &f.related {
            let other = &snap.article(r.at.article).figures[r.at.figure];
            let l = location(snap, r.at.article, &other.span);
            message.push_str(&format!(
                "\n  see {}:{}:{}: {}",
                l.file,
                l.line + 1,
                l.character + 1,
                r.message
            ));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&loc.file),
            loc.line + 1,
            loc.character + 1,
            loc.end_line + 1,
            loc.end_character + 1,
            escape_property(&format!("crosswire {}", f.code.as_str())),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Escaping of a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a workflow command's property value (also `:` and `,`, which delimit properties).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("50% of\nthem"), "50%25 of%0Athem");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
