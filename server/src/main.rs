//! The `tianping` command line: `serve` (default), `migrate`, `seed --demo`, `user add`,
//! `user token`, `user list --json`, `reindex`, `audit verify`, `audit export`.

use std::io::Write;

use anyhow::Context;
use app::{
    api::dto::NewUser,
    ssr::{AppState, audit, audit::AuditActor, seed, services::org, transparency},
};
use clap::{Parser, Subcommand};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::{build_router, build_state, config::Config};

#[derive(Parser)]
#[command(
    name = "tianping",
    version,
    about = "天平 行政执法监督平台 / Tianping enforcement supervision platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate and serve (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load demo data.
    Seed {
        /// Seed the demo agencies and accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Recompute the derived data (statistics totals and warning index) from the cases, e.g.
    /// after rows were imported straight into the database.
    Reindex,
    /// Check or export the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. The initial password is read from `TIANPING_NEW_PASSWORD` if set, else
    /// from the first line of standard input (never from the command line, which every user of
    /// the machine can read in the process list).
    Add {
        /// Login name.
        #[arg(long)]
        username: String,
        /// officer, agency_head, legal_reviewer, supervisor, admin or integration.
        #[arg(long)]
        role: String,
        /// The agency's code.
        #[arg(long)]
        agency: Option<String>,
        /// Display name (defaults to the login name).
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Issue an API token to an integration account, replacing its earlier one. The token is
    /// printed once; only its SHA-256 is kept.
    Token {
        /// Login name of the integration account.
        #[arg(long)]
        username: String,
    },
    /// List users.
    List {
        /// Print JSON (username, display_name, role, agency).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Re-hash every event: the chain, the Merkle tree, every stored checkpoint and its
    /// signature; exit 0 only if all check out.
    Verify {
        /// A checkpoint saved earlier (e.g. downloaded from the portal): today's log must
        /// still contain exactly the history it signed.
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
        /// Re-hash every evidence file too.
        #[arg(long)]
        with_files: bool,
    },
    /// Sign a checkpoint of the log now (even if nothing changed) and print it.
    Checkpoint,
    /// Retire the checkpoint signing key and start a new one; old checkpoints still verify.
    RotateKey,
    /// Write the log as JSON Lines (one event per line, with its hashes).
    Export {
        /// Output file (default: standard output).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sea_orm_migration=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(run(Cli::parse())) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    };
    // Work still running on the blocking pool (a password check, a long read) gets a few
    // seconds, never an unbounded wait: a stop is a stop (issue 21 item 7).
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    code
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let config = Config::from_env()?;
    // An auditor's verification reads and changes nothing: no start-up, no migration, no key
    // created, a read-only connection (it works on a read-only copy, and beside a running
    // server that holds the write lock).
    if let Some(Command::Audit {
        command: AuditCommand::Verify {
            checkpoint,
            with_files,
        },
    }) = &cli.command
    {
        let db =
            app::ssr::db::Db::connect_read_only(&config.database_url, config.db_schema.as_deref())
                .await
                .context("could not open the database for reading")?;
        return verify(
            &db,
            &config.settings.data_dir,
            checkpoint.clone(),
            *with_files,
        )
        .await;
    }
    let state = build_state(&config)
        .await
        .context("could not open the database")?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(state, &config).await?,
        Command::Migrate => println!("migrations applied"),
        Command::Reindex => {
            let (cases, indexed) = app::ssr::derived::rebuild(&state.db).await?;
            println!(
                "statistics totals rebuilt over {cases} cases; warnings indexed for {indexed}"
            );
        }
        Command::Seed { demo } => {
            anyhow::ensure!(demo, "only `seed --demo` is available");
            let password = &config.demo_password;
            let accounts = seed::seed_demo(&state, password)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("demo data ready; every demo account's password: {password}");
            for a in accounts {
                println!(
                    "  {:<16} {:<16} {}",
                    a.username,
                    a.role.as_str(),
                    a.agency.unwrap_or_default()
                );
            }
            // What a tester needs to register a visit at the door and to open the
            // enterprise's page: the demo enterprises' supervision codes are derived, not secret.
            let waiting = seed::inspections::awaiting_visits(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("demo inspections approved and waiting at the door:");
            for v in waiting {
                println!(
                    "  inspection {} agency {} officers {} supervision-code {} enterprise {}",
                    v.inspection_code,
                    v.agency_code,
                    v.officers.join(","),
                    v.supervision_code,
                    v.enterprise
                );
            }
        }
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    role,
                    agency,
                    display_name,
                },
        } => {
            let password = match std::env::var("TIANPING_NEW_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .context("reading the password from standard input")?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let input = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                role,
                agency_code: agency,
                password,
            };
            match org::insert_user(&state, AuditActor::system(), &input, true).await {
                Ok(created) => println!("created user {} (id {})", created.username, created.id),
                Err(e) => {
                    let lang = tianping_domain::i18n::Lang::from_tag(
                        &std::env::var("LANG").unwrap_or_default(),
                    );
                    eprintln!("error: {}", app::api::AppError::from_service(e, lang));
                    return Ok(std::process::ExitCode::FAILURE);
                }
            }
        }
        Command::User {
            command: UserCommand::Token { username },
        } => {
            let user = app::ssr::entities::users::Entity::find()
                .filter(app::ssr::entities::users::Column::Username.eq(username.trim()))
                .one(&state.db.conn)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no user named {username}"))?;
            let issued =
                app::ssr::auth::issue_api_token(&state, AuditActor::system(), user.id, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", issued.token);
            eprintln!(
                "API token of {username} issued at {} (shown once; send it as `Authorization: Bearer …`)",
                issued.issued_at.to_rfc3339()
            );
        }
        Command::User {
            command: UserCommand::List { json },
        } => {
            let users = org::all_users(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if json {
                let list: Vec<_> = users
                    .iter()
                    .map(|(u, agency)| {
                        serde_json::json!({
                            "username": u.username, "display_name": u.display_name,
                            "role": u.role, "agency": agency, "active": u.active,
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for (u, agency) in users {
                    println!(
                        "{:<16} {:<16} {:<14} {}",
                        u.username,
                        u.display_name,
                        u.role,
                        agency.unwrap_or_default()
                    );
                }
            }
        }
        Command::Audit {
            command: AuditCommand::Verify { .. },
        } => anyhow::bail!("verification runs before the start-up, read-only"),
        Command::Audit {
            command: AuditCommand::Checkpoint,
        } => {
            let made = transparency::make_checkpoint(&state, true)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            match made {
                Some(c) => print!("{}", c.note),
                None => println!("the log is empty: nothing to sign"),
            }
        }
        Command::Audit {
            command: AuditCommand::RotateKey,
        } => {
            let name = transparency::rotate_key(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("new checkpoint signing key: {name}");
        }
        Command::Audit {
            command: AuditCommand::Export { output },
        } => export(&state, output).await?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

async fn verify(
    db: &app::ssr::db::Db,
    data_dir: &std::path::Path,
    checkpoint: Option<std::path::PathBuf>,
    with_files: bool,
) -> anyhow::Result<std::process::ExitCode> {
    let external = match &checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Some(
                tianping_domain::checkpoint::parse(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            )
        }
        None => None,
    };
    let mut ok = true;
    let (chain, report) = transparency::verify_all(db, data_dir, external.as_ref(), with_files)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    match chain {
        Ok(summary) => println!(
            "audit chain OK: {} events, head {}",
            summary.count, summary.head
        ),
        Err(e) => {
            println!("audit chain FAILED at event {}: {e}", e.first_bad_seq());
            ok = false;
        }
    }
    for p in &report.problems {
        println!("FAILED: {}", p.describe());
    }
    if report.problems.is_empty() {
        println!(
            "Merkle tree OK: {} events, root {}, {} checkpoints checked{}",
            report.size,
            report.root,
            report.checkpoints_checked,
            if with_files {
                format!(", {} evidence files re-hashed", report.files_checked)
            } else {
                String::new()
            }
        );
    } else {
        ok = false;
    }
    Ok(if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(2)
    })
}

async fn export(state: &AppState, output: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    audit::for_each_event(&state.db.conn, |event| {
        serde_json::to_writer(&mut out, &event)
            .and_then(|_| out.write_all(b"\n").map_err(serde_json::Error::io))
            .map_err(|e| app::ssr::ServiceError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    out.flush()?;
    Ok(())
}

async fn serve(state: AppState, config: &Config) -> anyhow::Result<()> {
    // Sign checkpoints on a schedule, when there were new events.
    if config.checkpoint_secs > 0 {
        let st = state.clone();
        let every = std::time::Duration::from_secs(config.checkpoint_secs);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(e) = transparency::make_checkpoint(&st, false).await {
                    tracing::warn!("scheduled checkpoint failed: {e}");
                }
            }
        });
    }
    let app = build_router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    tracing::info!("listening on http://{}", config.site_addr);
    server::listen::serve(listener, app, config.limits, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}
