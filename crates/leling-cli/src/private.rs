//! Files only their owner can read: a kiosk's and a hub's data hold names, phones, cards and
//! PIN hashes, which other accounts on the machine have no business reading. Files and folders
//! a Leling program makes are private from the start (its umask); those an older version made
//! are made private when they are opened.

use std::path::Path;

/// From now on, files this process makes are its owner's only (0600; folders 0700). Called
/// first thing by both programs.
pub fn keep_new_files_private() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Makes a SQLite `database` with its `-wal` and `-shm` files (0600) private, and the
/// program's own data `folder` (0700) when it has one, where they exist. A folder shared by
/// everyone (with the sticky bit, like `/tmp`) is never changed, and what cannot be changed is
/// left as it is: the program still works.
pub fn make_private(folder: Option<&Path>, database: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = |path: &Path, mode: u32| {
            let Ok(metadata) = std::fs::metadata(path) else {
                return;
            };
            let shared = metadata.permissions().mode() & 0o1000 != 0;
            if !shared && metadata.permissions().mode() & 0o777 != mode {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
            }
        };
        if let Some(folder) = folder {
            private(folder, 0o700);
        }
        let name = database.as_os_str().to_owned();
        for suffix in ["", "-wal", "-shm"] {
            let mut file = name.clone();
            file.push(suffix);
            private(Path::new(&file), 0o600);
        }
    }
    #[cfg(not(unix))]
    let _ = (folder, database);
}
