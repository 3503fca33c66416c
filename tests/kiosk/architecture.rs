//! The shape of the house (`docs/ARCHITECTURE.md`), checked: which crate may use which, no two
//! modules that import each other, the kiosk program without server code, and the screens'
//! limits. Where `main` does not meet a limit yet, the gap is named below with today's figure:
//! a new cycle, a new oversized file or a figure that grows fails (a rise needs a deliberate
//! edit here, with its reason in the commit), and so does one that has shrunk without its
//! figure being lowered, so the list stays true.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Each crate and the Leling crates it may use: only crates further up this list. A crate that
/// is not here fails the test, so a new crate is placed on purpose.
const LAYERS: &[(&str, &[&str])] = &[
    ("leling-core", &[]),
    ("leling-term", &[]),
    ("leling-i18n", &["leling-core"]),
    ("leling-document", &["leling-core"]),
    ("leling-store", &["leling-core"]),
    ("leling-layout", &["leling-core", "leling-document"]),
    ("leling-speech", &["leling-core"]),
    ("leling-cli", &["leling-core", "leling-i18n"]),
    ("leling-report", &["leling-core", "leling-i18n"]),
    (
        "leling-catalog",
        &[
            "leling-core",
            "leling-i18n",
            "leling-document",
            "leling-store",
        ],
    ),
    (
        "leling-club",
        &[
            "leling-core",
            "leling-i18n",
            "leling-store",
            "leling-catalog",
            "leling-report",
        ],
    ),
    // The hub shares the nouns and the protocol, the words, the command-line plumbing and the
    // report files.
    (
        "leling-hub",
        &["leling-core", "leling-i18n", "leling-cli", "leling-report"],
    ),
];

/// Test-only links that point up, each with its reason (docs/ARCHITECTURE.md): the hub's bench
/// makes a real kiosk's first sync.
const TEST_ONLY_LINKS: &[(&str, &str)] = &[("leling-hub", "leling")];

/// No file in `src/ui/` is longer than this (issue 19): a screen or a part of the shell that
/// grows past it has more than one job.
const UI_FILE_LIMIT: usize = 500;

/// The application shell's methods (issue 19, item 3): a small shell, whose screens are
/// components of their own.
const APP_METHOD_LIMIT: usize = 25;
/// The only functions outside the shell's own `impl App` blocks that may take `&mut App`:
/// the event loop and the drawing of a frame, which are the shell's too. A screen's helper
/// takes what it needs instead.
const SHELL_FUNCTIONS: &[&str] = &["draw", "event_loop"];

/// The Leling crates a manifest depends on, in any of its dependency tables (normal, dev,
/// build, per target), written as `leling-x = …`, `[dependencies.leling-x]` or renamed with
/// `package = "leling-x"`; each with whether it is a dev-dependency (tests and benches only).
fn leling_dependencies(manifest: &Path) -> BTreeSet<(String, bool)> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut found = BTreeSet::new();
    let mut in_dependencies = false;
    let mut dev = false;
    for line in text.lines().map(str::trim) {
        if let Some(table) = line.strip_prefix('[') {
            let table = table.trim_end_matches(']');
            in_dependencies = table.ends_with("dependencies");
            dev = table.contains("dev-dependencies");
            // `[dependencies.leling-x]`
            if let Some((_, name)) = table.rsplit_once("dependencies.")
                && name.starts_with("leling")
            {
                found.insert((name.trim_matches('"').to_owned(), table.contains("dev-")));
            }
            continue;
        }
        if !in_dependencies {
            continue;
        }
        if let Some(name) = line.split(['.', ' ', '=']).next()
            && name.starts_with("leling")
        {
            found.insert((name.to_owned(), dev));
        }
        if let Some(at) = line.find("package") {
            let rest = &line[at..];
            if let Some(name) = rest.split('"').nth(1)
                && name.starts_with("leling")
            {
                found.insert((name.to_owned(), dev));
            }
        }
    }
    found
}

#[test]
fn every_crate_uses_only_crates_below_it() {
    let crates = std::fs::read_dir(Path::new(ROOT).join("crates")).unwrap();
    let mut seen = BTreeSet::new();
    for entry in crates {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let allowed = LAYERS
            .iter()
            .find(|(crate_name, _)| *crate_name == name)
            .unwrap_or_else(|| panic!("{name} has no place in LAYERS"))
            .1;
        for (used, dev) in leling_dependencies(&dir.join("Cargo.toml")) {
            if dev && TEST_ONLY_LINKS.contains(&(name.as_str(), used.as_str())) {
                continue;
            }
            assert!(
                allowed.contains(&used.as_str()),
                "{name} uses {used}, which is not below it"
            );
        }
        assert!(
            dir.join("src/lib.rs").exists(),
            "{name} has a lib.rs overview"
        );
        seen.insert(name);
    }
    assert_eq!(
        seen.len(),
        LAYERS.len(),
        "LAYERS names a crate that is gone"
    );
    // The table itself only points down: each crate allows only crates listed before it.
    for (at, (name, allowed)) in LAYERS.iter().enumerate() {
        for used in *allowed {
            let below = LAYERS[..at].iter().any(|(earlier, _)| earlier == used);
            assert!(
                below,
                "LAYERS lets {name} use {used}, which is not listed before it"
            );
        }
    }
}

#[test]
fn the_kiosk_program_links_no_server_code() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-p", "leling", "-e", "normal", "--prefix", "none"])
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("leling-store"), "{tree}");
    for server in [
        "axum ",
        "axum-server",
        "tokio-postgres",
        "deadpool",
        "leling-hub",
    ] {
        assert!(!tree.contains(server), "the kiosk program links {server}");
    }
}

/// A module and the modules it names: `crate::a::b`, `super::c`, `self::d`, braces expanded.
struct Module {
    path: Vec<String>,
    uses: Vec<Vec<String>>,
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `src/a/b.rs` is `a::b`; `src/a/mod.rs` is `a`; `lib.rs` and `main.rs` are the root.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_str().unwrap().to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e` (each as segments).
fn expand(text: &str) -> Vec<Vec<String>> {
    let text = text.trim();
    let Some(open) = text.find('{') else {
        return vec![
            text.split("::")
                .map(|s| s.trim().split(' ').next().unwrap_or("").to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        ];
    };
    let prefix: Vec<String> = text[..open]
        .split("::")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let inner = &text[open + 1..text.rfind('}').unwrap_or(text.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(|item| {
            expand(item).into_iter().map(|rest| {
                let mut whole = prefix.clone();
                whole.extend(rest);
                whole
            })
        })
        .collect()
}

/// The code before the unit tests (by this project's rule, `#[cfg(test)] mod tests` ends a
/// file): a test module may use its neighbours freely.
fn code_of(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// Every `crate::…`, `super::…` and `self::…` path in `code`, resolved from module `at`.
fn named_paths(code: &str, at: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for keyword in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(offset) = code[from..].find(keyword) {
            let start = from + offset;
            from = start + keyword.len();
            if start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || b"_$".contains(&bytes[start - 1]))
            {
                continue;
            }
            // The path runs to the end of its braces, or to the first character no path has.
            let mut end = start;
            let mut depth = 0;
            for (i, c) in code[start..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth > 0 => depth -= 1,
                    c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => break,
                    _ => {}
                }
                end = start + i + c.len_utf8();
            }
            for path in expand(&code[start..end]) {
                let mut base: Vec<String> = match path.first().map(String::as_str) {
                    Some("crate") => Vec::new(),
                    Some("self") => at.to_vec(),
                    Some("super") => {
                        let mut up = at.to_vec();
                        up.pop();
                        up
                    }
                    _ => continue,
                };
                let mut rest = path[1..].iter().peekable();
                while rest.peek().map(|s| s.as_str()) == Some("super") {
                    base.pop();
                    rest.next();
                }
                base.extend(rest.cloned());
                found.push(base);
            }
        }
    }
    found
}

fn modules_of(src: &Path) -> Vec<Module> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files
        .iter()
        .map(|file| {
            let path = module_path(src, file);
            let text = std::fs::read_to_string(file).unwrap();
            let uses = named_paths(code_of(&text), &path);
            Module { path, uses }
        })
        .collect()
}

/// The cycles among sibling modules (strongly connected groups of two or more), each named by
/// its members' full paths, sorted.
fn cycles(crate_name: &str, src: &Path) -> Vec<String> {
    let modules = modules_of(src);
    let known: BTreeSet<Vec<String>> = modules.iter().map(|m| m.path.clone()).collect();
    // Edges between siblings: from the child of the common parent on the user's side to the
    // child on the used side.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for module in &modules {
        for used in &module.uses {
            let common = module
                .path
                .iter()
                .zip(used)
                .take_while(|(a, b)| a == b)
                .count();
            if common >= module.path.len() || common >= used.len() {
                continue;
            }
            let from = module.path[..=common].to_vec();
            let to = used[..=common].to_vec();
            if from != to && known.contains(&to) {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    // Tarjan's strongly connected components, small enough to do plainly.
    let nodes: Vec<Vec<String>> = known.iter().cloned().collect();
    let mut index = BTreeMap::new();
    let mut low = BTreeMap::new();
    let mut stack: Vec<Vec<String>> = Vec::new();
    let mut on_stack = BTreeSet::new();
    let mut next = 0;
    let mut groups = Vec::new();
    #[allow(clippy::too_many_arguments)]
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: &mut BTreeMap<Vec<String>, usize>,
        low: &mut BTreeMap<Vec<String>, usize>,
        stack: &mut Vec<Vec<String>>,
        on_stack: &mut BTreeSet<Vec<String>>,
        next: &mut usize,
        groups: &mut Vec<Vec<Vec<String>>>,
    ) {
        index.insert(node.clone(), *next);
        low.insert(node.clone(), *next);
        *next += 1;
        stack.push(node.clone());
        on_stack.insert(node.clone());
        for to in edges.get(node).into_iter().flatten() {
            if !index.contains_key(to) {
                visit(to, edges, index, low, stack, on_stack, next, groups);
                let l = low[to].min(low[node]);
                low.insert(node.clone(), l);
            } else if on_stack.contains(to) {
                let l = index[to].min(low[node]);
                low.insert(node.clone(), l);
            }
        }
        if low[node] == index[node] {
            let mut group = Vec::new();
            while let Some(top) = stack.pop() {
                on_stack.remove(&top);
                let done = &top == node;
                group.push(top);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                groups.push(group);
            }
        }
    }
    for node in &nodes {
        if !index.contains_key(node) {
            visit(
                node,
                &edges,
                &mut index,
                &mut low,
                &mut stack,
                &mut on_stack,
                &mut next,
                &mut groups,
            );
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let mut names: Vec<String> = group
                .iter()
                .map(|p| format!("{crate_name}::{}", p.join("::")))
                .collect();
            names.sort();
            names.join(" ")
        })
        .collect()
}

#[test]
fn no_two_modules_import_each_other() {
    let mut found = cycles("leling", &Path::new(ROOT).join("src"));
    for entry in std::fs::read_dir(Path::new(ROOT).join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().replace('-', "_");
        found.extend(cycles(&name, &dir.join("src")));
    }
    found.sort();
    assert!(
        found.is_empty(),
        "modules that import each other: {found:#?}"
    );
}

#[test]
fn no_file_in_the_screens_is_over_the_limit() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src/ui"), &mut files);
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).unwrap().lines().count();
            let name = file.strip_prefix(ROOT).unwrap().display().to_string();
            (lines > UI_FILE_LIMIT).then(|| format!("{name} {lines}"))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "files over {UI_FILE_LIMIT} lines: {long:?}"
    );
}

/// (methods in `impl App` blocks, the names of functions elsewhere that take `&mut App`) in
/// `src/ui/`. A function's signature is read up to its body, over as many lines as it takes.
fn app_counts() -> (usize, Vec<String>) {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src/ui"), &mut files);
    let (mut methods, mut helpers) = (0, Vec::new());
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = code_of(&text).lines().collect();
        let mut in_app = false;
        for (n, line) in lines.iter().enumerate() {
            if line.starts_with("impl") {
                let head = line.trim_end_matches('{').trim();
                in_app = head.ends_with(" App") || head.ends_with("::App");
                continue;
            }
            if line.starts_with('}') {
                in_app = false;
                continue;
            }
            if !is_fn_start(line) {
                continue;
            }
            let indent = line.len() - line.trim_start().len();
            if in_app && indent == 4 {
                methods += 1;
            } else if !in_app {
                let body = lines[n..].iter().position(|l| l.contains('{'));
                let end = body.map_or(lines.len(), |b| n + b + 1);
                if lines[n..end].concat().contains("&mut App") {
                    let name = line.split("fn ").nth(1).unwrap_or_default();
                    let name = name.split(['(', '<']).next().unwrap_or_default();
                    helpers.push(name.to_owned());
                }
            }
        }
    }
    (methods, helpers)
}

/// Whether a line starts a function: `fn`, after any of `pub(…)`, `const`, `async`, `unsafe`.
fn is_fn_start(line: &str) -> bool {
    let mut rest = line.trim_start();
    loop {
        if rest.starts_with("fn ") {
            return true;
        }
        let word_end = rest.find([' ', '(']).unwrap_or(rest.len());
        rest = match &rest[..word_end] {
            "pub" if rest[word_end..].starts_with('(') => {
                let close = rest.find(')').map_or(rest.len(), |c| c + 1);
                rest[close..].trim_start()
            }
            "pub" | "const" | "async" | "unsafe" | "extern" => rest[word_end..].trim_start(),
            _ => return false,
        };
    }
}

#[test]
fn the_application_shell_is_small() {
    let (methods, mut helpers) = app_counts();
    assert!(
        methods <= APP_METHOD_LIMIT,
        "App has {methods} methods (at most {APP_METHOD_LIMIT})"
    );
    helpers.sort();
    assert_eq!(
        helpers, SHELL_FUNCTIONS,
        "only the event loop and the drawing of a frame take &mut App"
    );
}

#[test]
fn the_checks_find_what_they_look_for() {
    // A cycle made on purpose is found, and paths in braces, `super` and `self` resolve.
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).unwrap();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(
        src.join("a/mod.rs"),
        "mod x;\nmod y;\nuse crate::b::Thing;\n",
    )
    .unwrap();
    std::fs::write(src.join("a/x.rs"), "use super::{y::{self, Y}, z};\n").unwrap();
    std::fs::write(src.join("a/y.rs"), "use crate::a::x::X;\n").unwrap();
    std::fs::write(
        src.join("b.rs"),
        "pub struct Thing;\nfn f() { crate::a::x::go(); }\n#[cfg(test)]\nmod tests { use crate::c; }\n",
    )
    .unwrap();
    let mut found = cycles("t", src);
    found.sort();
    assert_eq!(found, ["t::a t::b", "t::a::x t::a::y"]);
    assert_eq!(
        expand("super::{y::{self, Y}, z}"),
        [
            vec!["super", "y", "self"],
            vec!["super", "y", "Y"],
            vec!["super", "z"]
        ]
    );
}
