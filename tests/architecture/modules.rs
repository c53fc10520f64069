//! The module graph of a Rust crate, read from its source files: which file's code
//! names which other file. Enough of Rust's path rules to follow `use` lists,
//! `crate::`/`super::`/`self::` paths and paths through child modules, and to see
//! through re-exports (`pub use child::*` in a `mod.rs`), so a file that names
//! `crate::Result` depends on `error.rs`, not on `lib.rs`. Comments, strings and
//! inline modules (the unit tests) are left out: they do not make a floor.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// One source file: its module path and what it declares.
struct Module {
    /// The file, relative to the crate's `src/`, e.g. `store/ideas.rs`.
    file: String,
    /// Its code with comments, strings, char literals and inline modules blanked.
    code: String,
    /// Names of the items it defines itself.
    items: BTreeSet<String>,
    /// `pub use` re-exports: the name and the path it stands for.
    reexports: Vec<(String, Vec<String>)>,
    /// `pub use path::*` re-exports.
    globs: Vec<Vec<String>>,
}

/// A crate's files by module path (`["store", "ideas"]`; the root is `[]`).
pub struct Crate {
    modules: BTreeMap<Vec<String>, Module>,
}

/// Where a path was named: the line, and the path as written.
pub struct Use {
    pub line: usize,
    pub path: String,
}

impl Crate {
    /// Reads every `.rs` file under `src`.
    pub fn read(src: &Path) -> Crate {
        let mut files = Vec::new();
        super::files_under(src, &[".rs"], &mut files);
        let mut modules = BTreeMap::new();
        for path in files {
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&path).expect("source file");
            let code = without_inline_modules(&blank_literals(&text));
            let (reexports, globs) = reexports_of(&code);
            modules.insert(
                module_path(&rel),
                Module {
                    items: items_of(&code),
                    file: rel,
                    code,
                    reexports,
                    globs,
                },
            );
        }
        Crate { modules }
    }

    /// Every file, relative to `src/`.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.modules.values().map(|m| m.file.as_str())
    }

    /// The code of `file` with comments, strings and inline modules blanked.
    pub fn code(&self, file: &str) -> &str {
        self.modules
            .values()
            .find(|m| m.file == file)
            .map(|m| m.code.as_str())
            .unwrap_or("")
    }

    /// Every other file of the crate that `file` names, with where it first does.
    pub fn dependencies(&self, file: &str) -> BTreeMap<String, Use> {
        let Some((me, module)) = self.modules.iter().find(|(_, m)| m.file == file) else {
            return BTreeMap::new();
        };
        let mut out: BTreeMap<String, Use> = BTreeMap::new();
        for (line, path) in paths_in(&module.code) {
            let Some(absolute) = self.absolute(me, &path) else {
                continue;
            };
            let target = self.resolve(&absolute, 0);
            if target != file {
                out.entry(target.to_string()).or_insert(Use {
                    line,
                    path: path.join("::"),
                });
            }
        }
        out
    }

    /// The path as seen from module `me` made absolute; None for another crate's.
    fn absolute(&self, me: &[String], path: &[String]) -> Option<Vec<String>> {
        let mut base: Vec<String> = me.to_vec();
        let mut rest = path;
        match path.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &path[1..];
            }
            Some("self" | "super") => {
                while let Some(first) = rest.first() {
                    match first.as_str() {
                        "self" => {}
                        "super" => {
                            base.pop()?;
                        }
                        _ => break,
                    }
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                // A child module, or a name a `use` brought in (followed by its `use`).
                let mut child = me.to_vec();
                child.push(first.to_string());
                if !self.modules.contains_key(&child) {
                    return None;
                }
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file an absolute path lands in, through re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> &str {
        let (module, rest) = (0..=path.len())
            .rev()
            .find_map(|k| {
                self.modules
                    .get_key_value(&path[..k])
                    .map(|(key, _)| (key.clone(), &path[k..]))
            })
            .expect("the crate root is a module");
        let here = &self.modules[&module];
        let Some(name) = rest.first() else {
            return &here.file;
        };
        if here.items.contains(name) || depth > 8 {
            return &here.file;
        }
        for (alias, target) in &here.reexports {
            if alias == name
                && let Some(target) = self.absolute(&module, target)
            {
                return self.resolve(&target, depth + 1);
            }
        }
        for glob in &here.globs {
            let Some(mut target) = self.absolute(&module, glob) else {
                continue;
            };
            target.push(name.clone());
            let file = self.resolve(&target, depth + 1);
            let defines = self
                .modules
                .values()
                .any(|m| m.file == file && m.items.contains(name));
            if defines {
                return file;
            }
        }
        &here.file
    }
}

/// `store/ideas.rs` -> `["store", "ideas"]`; `store/mod.rs` -> `["store"]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text with comments removed and string and char literals emptied, line
/// breaks kept (so line numbers still hold).
pub fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep_lines = |out: &mut String, from: &[char]| {
        out.extend(from.iter().filter(|c| **c == '\n'));
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = i;
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            keep_lines(&mut out, &chars[start..i.min(chars.len())]);
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            // r"..." or r#"..."#, possibly b- or c-prefixed.
            let start = i;
            i = hashes.1;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes.0))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing) {
                i += 1;
            }
            i = (i + closing.len()).min(chars.len());
            out.push_str("\"\"");
            keep_lines(&mut out, &chars[start..i]);
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            out.push_str("\"\"");
            keep_lines(&mut out, &chars[start..i.min(chars.len())]);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{7}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// At a raw string's start: its number of `#` and the index after its opening `"`.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let before_is_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    if before_is_ident {
        return None;
    }
    let mut j = i;
    if matches!(chars.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// The code without the bodies of inline modules (`mod tests { ... }`).
fn without_inline_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = find_inline_module(rest) {
        out.push_str(&rest[..at]);
        let body = &rest[at..];
        let mut depth = 0;
        let mut end = body.len();
        for (k, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.extend(body[..end].chars().filter(|c| *c == '\n'));
        rest = &body[end..];
    }
    out.push_str(rest);
    out
}

/// Where `mod name {` starts, if anywhere.
fn find_inline_module(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = code[from..].find("mod ") {
        let at = from + k;
        let starts_word = at == 0 || !is_ident(code[..at].chars().last().unwrap_or(' '));
        let after = &code[at + 4..];
        let name_len = after.chars().take_while(|c| is_ident(*c)).count();
        if starts_word && name_len > 0 && after[name_len..].trim_start().starts_with('{') {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Names of the items a file defines (functions, types, constants, modules, macros).
fn items_of(code: &str) -> BTreeSet<String> {
    let keywords = [
        "fn",
        "struct",
        "enum",
        "const",
        "static",
        "type",
        "trait",
        "mod",
        "union",
        "macro_rules!",
    ];
    let words: Vec<&str> = code
        .split(|c: char| !(is_ident(c) || c == '!'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut items = BTreeSet::new();
    let mut macros = BTreeSet::new();
    for pair in words.windows(2) {
        if keywords.contains(&pair[0]) {
            items.insert(pair[1].trim_end_matches('!').to_string());
        }
        if pair[0] == "macro_rules!" {
            macros.insert(format!("{}!", pair[1]));
        }
    }
    // A macro of the file's own that declares an item names it first:
    // `text_enum!(Role, ...)` declares `Role`.
    for pair in words.windows(2) {
        if macros.contains(pair[0]) {
            items.insert(pair[1].to_string());
        }
    }
    items
}

/// Every `use` tree of the code, expanded: `a::{b, c::d}` -> `a::b`, `a::c::d`.
/// Each with its `pub` (re-export) flag and its line.
fn use_trees(code: &str) -> Vec<(bool, usize, Vec<String>)> {
    let mut out = Vec::new();
    let lines = line_starts(code);
    let mut from = 0;
    while let Some(k) = code[from..].find("use ") {
        let at = from + k;
        from = at + 4;
        let before = code[..at].trim_end();
        let word_start = at == 0 || !is_ident(code[..at].chars().last().unwrap_or(' '));
        if !word_start {
            continue;
        }
        let item_start = before
            .rfind([';', '{', '}', '\n'])
            .map_or(before, |k| &before[k + 1..]);
        let is_pub = item_start.trim_start().starts_with("pub");
        let Some(end) = code[at..].find(';') else {
            break;
        };
        // Aliases (`x as y`) name the same file as `x`.
        let mut tokens = Vec::new();
        let mut words = code[at + 4..at + end].split_whitespace();
        while let Some(word) = words.next() {
            if word == "as" {
                let alias = words.next().unwrap_or("");
                tokens.push(alias.trim_start_matches(|c: char| is_ident(c)).to_string());
            } else {
                tokens.push(word.to_string());
            }
        }
        let tree = tokens.concat();
        let line = line_of(&lines, at);
        for path in expand(&tree) {
            out.push((is_pub, line, path));
        }
    }
    out
}

fn expand(tree: &str) -> Vec<Vec<String>> {
    let Some(open) = tree.find('{') else {
        return vec![
            tree.split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        ];
    };
    let prefix: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        for tail in expand(part) {
            let mut path = prefix.clone();
            if tail != ["self"] {
                path.extend(tail);
            }
            out.push(path);
        }
    }
    out
}

/// A module path, segment by segment.
type ModPath = Vec<String>;

/// The `pub use` re-exports of a file: named ones (alias, path) and globs.
fn reexports_of(code: &str) -> (Vec<(String, ModPath)>, Vec<ModPath>) {
    let (mut named, mut globs) = (Vec::new(), Vec::new());
    for (is_pub, _, path) in use_trees(code) {
        if !is_pub {
            continue;
        }
        match path.last().map(String::as_str) {
            Some("*") => globs.push(path[..path.len() - 1].to_vec()),
            Some(name) => named.push((name.to_string(), path.clone())),
            None => {}
        }
    }
    (named, globs)
}

/// Every path the code names, with its line: each `use` tree, and each path of two
/// or more segments in the code (`crate::x::y`, `super::y`, `child::f`).
fn paths_in(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = use_trees(code)
        .into_iter()
        .map(|(_, line, path)| {
            let path = match path.last().map(String::as_str) {
                Some("*") => path[..path.len() - 1].to_vec(),
                _ => path,
            };
            (line, path)
        })
        .collect();
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let lines = line_starts(code);
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let starts = is_ident(c)
            && !c.is_ascii_digit()
            && (k == 0 || !(is_ident(chars[k - 1].1) || chars[k - 1].1 == ':'));
        if !starts {
            k += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = k;
        loop {
            let s = j;
            while j < chars.len() && is_ident(chars[j].1) {
                j += 1;
            }
            segments.push(chars[s..j].iter().map(|(_, c)| *c).collect::<String>());
            let colons = j + 1 < chars.len() && chars[j].1 == ':' && chars[j + 1].1 == ':';
            if colons && j + 2 < chars.len() && is_ident(chars[j + 2].1) {
                j += 2;
            } else {
                break;
            }
        }
        if segments.len() >= 2 {
            let line = line_of(&lines, at);
            out.push((line, segments));
        }
        k = j.max(k + 1);
    }
    out
}

/// Where each line of `code` starts.
fn line_starts(code: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(code.match_indices('\n').map(|(k, _)| k + 1))
        .collect()
}

/// The 1-based line of byte `at`.
fn line_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|start| *start <= at)
}
