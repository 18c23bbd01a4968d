// Real-looking data for the fake client (tests only): the shipped sample stores' summaries and a
// few sessions' turns, as the core lists them, with the paths of a user's home folder.
import type { SessionSummary, Turn } from '../../../src-shared/model'

export const FAKE_SESSIONS: SessionSummary[] = [
  {
    "id": "32833106-536e-45df-80b2-d002cc92d33d",
    "format": "ao",
    "store": "/home/dana/.ao-rs/sessions",
    "path": "/home/dana/.ao-rs/sessions/billing-api/32833106-536e-45df-80b2-d002cc92d33d.yaml",
    "project": "billing-api",
    "projectPath": "/home/dana/src/billing-api",
    "title": "Work through the \"Q4 billing cleanup\" milestone in northwind-labs/billing-api:",
    "createdAt": "2026-11-17T08:30:12.481Z",
    "updatedAt": "2026-11-20T17:45:09.000Z",
    "modifiedAt": "2026-11-20T17:45:09.000Z",
    "turns": 0,
    "steps": 0,
    "errors": 0,
    "archived": false,
    "bytes": 986,
    "model": "claude-opus-4-1",
    "status": "working",
    "parentId": null,
    "tokens": {
      "input": 9412,
      "output": 28733,
      "cacheRead": 1870442,
      "cacheWrite": 96210
    },
    "agent": "claude-code",
    "branch": "main",
    "costUsd": 6.9057555
  },
  {
    "id": "05dee37b-0cf5-4a9a-97fb-9827da585f98",
    "format": "oxios",
    "store": "/home/dana/.oxios/workspace/sessions",
    "path": "/home/dana/.oxios/workspace/sessions/05dee37b-0cf5-4a9a-97fb-9827da585f98.json",
    "project": "ledger-cli",
    "projectPath": null,
    "title": "Add a `--format csv` option to `ledger export` so I can ope…",
    "createdAt": "2026-11-19T16:05:30.917Z",
    "updatedAt": "2026-11-19T16:21:08.182Z",
    "modifiedAt": "2026-11-19T16:21:08.182Z",
    "turns": 3,
    "steps": 13,
    "errors": 1,
    "archived": false,
    "bytes": 11241,
    "model": null,
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  },
  {
    "id": "f08db22f-d293-456a-b170-fab23d90fbac",
    "format": "ao",
    "store": "/home/dana/.ao-rs/sessions",
    "path": "/home/dana/.ao-rs/sessions/billing-api/f08db22f-d293-456a-b170-fab23d90fbac.yaml",
    "project": "billing-api",
    "projectPath": "/home/dana/.ao-rs/worktrees/billing-api/f08db22f",
    "title": "Implement #488: retry failed card payments on the dunning schedule (days 1, 3, 5 and 7)",
    "createdAt": "2026-11-17T08:34:55.903Z",
    "updatedAt": "2026-11-17T09:41:37.000Z",
    "modifiedAt": "2026-11-17T09:41:37.000Z",
    "turns": 0,
    "steps": 0,
    "errors": 0,
    "archived": false,
    "bytes": 747,
    "model": null,
    "status": "pr_open",
    "parentId": "32833106-536e-45df-80b2-d002cc92d33d",
    "tokens": {
      "input": 18342,
      "output": 41207,
      "cacheRead": 3120554,
      "cacheWrite": 214880
    },
    "agent": "claude-code",
    "branch": "feat/488-dunning-retries",
    "costUsd": 2.4150972000000004
  },
  {
    "id": "96427893-8db4-42c5-bdac-1e0110672a4d",
    "format": "oxios",
    "store": "/home/dana/.oxios/workspace/sessions",
    "path": "/home/dana/.oxios/workspace/sessions/96427893-8db4-42c5-bdac-1e0110672a4d.json",
    "project": "billing-api",
    "projectPath": null,
    "title": "Fix proration rounding on mid-cycle upgrades",
    "createdAt": "2026-11-14T09:11:57.998Z",
    "updatedAt": "2026-11-14T09:24:36.023Z",
    "modifiedAt": "2026-11-14T09:24:36.023Z",
    "turns": 3,
    "steps": 16,
    "errors": 1,
    "archived": false,
    "bytes": 19596,
    "model": null,
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  },
  {
    "id": "f3faa8e8-79ea-4723-8ad5-cfbc1d74bd1c",
    "format": "ao",
    "store": "/home/dana/.ao-rs/sessions",
    "path": "/home/dana/.ao-rs/sessions/docs-site/f3faa8e8-79ea-4723-8ad5-cfbc1d74bd1c.yaml",
    "project": "docs-site",
    "projectPath": "/home/dana/.ao-rs/worktrees/docs-site/f3faa8e8",
    "title": "Replace Algolia DocSearch with the local search plugin (@easyops-cn/docusaurus-search-local) and drop the Algolia keys from the Netlify config",
    "createdAt": "2026-11-12T15:02:41.227Z",
    "updatedAt": "2026-11-12T16:10:52.000Z",
    "modifiedAt": "2026-11-12T16:10:52.000Z",
    "turns": 0,
    "steps": 0,
    "errors": 0,
    "archived": false,
    "bytes": 540,
    "model": null,
    "status": "killed",
    "parentId": null,
    "tokens": {
      "input": 1284410,
      "output": 38915,
      "cacheRead": 1051136,
      "cacheWrite": 0
    },
    "agent": "codex",
    "branch": "feat/local-search",
    "costUsd": null
  },
  {
    "id": "3ce1268c-9c80-42e3-bfec-3fee8ed2305d",
    "format": "ao",
    "store": "/home/dana/.ao-rs/sessions",
    "path": "/home/dana/.ao-rs/sessions/docs-site/.archive/3ce1268c-9c80-42e3-bfec-3fee8ed2305d.yaml",
    "project": "docs-site",
    "projectPath": "/home/dana/.ao-rs/worktrees/docs-site/3ce1268c",
    "title": "Add a /changelog page generated at build time from the GitHub releases of northwind-labs/billing-api",
    "createdAt": "2026-11-05T10:18:09.664Z",
    "updatedAt": "2026-11-06T09:02:14.000Z",
    "modifiedAt": "2026-11-06T09:02:14.000Z",
    "turns": 0,
    "steps": 0,
    "errors": 0,
    "archived": true,
    "bytes": 610,
    "model": null,
    "status": "merged",
    "parentId": null,
    "tokens": {
      "input": 7321,
      "output": 15894,
      "cacheRead": 982113,
      "cacheWrite": 88410
    },
    "agent": "claude-code",
    "branch": "feat/changelog-page",
    "costUsd": 0.8865443999999999
  },
  {
    "id": "bd953dc2-3cc2-4779-8825-c7cc67e84707",
    "format": "astrid",
    "store": "/home/dana/.astrid/sessions",
    "path": "/home/dana/.astrid/sessions/bd953dc2-3cc2-4779-8825-c7cc67e84707.json",
    "project": "/home/dana/src/billing-api",
    "projectPath": "/home/dana/src/billing-api",
    "title": "Exponential backoff for webhook retries",
    "createdAt": "2026-11-03T10:47:12.309Z",
    "updatedAt": "2026-11-03T11:02:55.000Z",
    "modifiedAt": "2026-11-03T11:02:55.000Z",
    "turns": 2,
    "steps": 9,
    "errors": 1,
    "archived": false,
    "bytes": 12142,
    "model": "claude-sonnet-4-20250514",
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": "feat/webhook-backoff",
    "costUsd": 0.38
  },
  {
    "id": "5d411b0d-f9e3-44de-b325-0c60b036d9dd",
    "format": "astrid",
    "store": "/home/dana/.astrid/sessions",
    "path": "/home/dana/.astrid/sessions/5d411b0d-f9e3-44de-b325-0c60b036d9dd.json",
    "project": "/home/dana/src/docs-site",
    "projectPath": "/home/dana/src/docs-site",
    "title": "On narrow screens the doc sidebar overlaps the article text (screenshot from an iPhone 13, 390px wide). Can you fix the CSS?",
    "createdAt": "2026-10-29T18:20:04.771Z",
    "updatedAt": "2026-10-29T18:31:47.000Z",
    "modifiedAt": "2026-10-29T18:31:47.000Z",
    "turns": 2,
    "steps": 6,
    "errors": 1,
    "archived": false,
    "bytes": 6679,
    "model": "claude-sonnet-4-20250514",
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  },
  {
    "id": "bd46371d-e343-4b10-8ca3-7cf46674fa25",
    "format": "oxios",
    "store": "/home/dana/.oxios/workspace/sessions",
    "path": "/home/dana/.oxios/workspace/sessions/bd46371d-e343-4b10-8ca3-7cf46674fa25.json",
    "project": null,
    "projectPath": null,
    "title": "My laptop disk is at 97%. What's taking up all the space?",
    "createdAt": "2026-10-22T20:31:39.560Z",
    "updatedAt": "2026-10-22T20:36:19.584Z",
    "modifiedAt": "2026-10-22T20:36:19.584Z",
    "turns": 2,
    "steps": 9,
    "errors": 1,
    "archived": false,
    "bytes": 6390,
    "model": null,
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  },
  {
    "id": "0ab772dc-b7ed-45da-a180-61082e376b8b",
    "format": "astrid",
    "store": "/home/dana/.astrid/sessions",
    "path": "/home/dana/.astrid/sessions/0ab772dc-b7ed-45da-a180-61082e376b8b.json",
    "project": null,
    "projectPath": null,
    "title": "How do I sum the `amount` field of every object in a JSON array with jq, grouped by `currency`?",
    "createdAt": "2026-10-17T09:20:33.118Z",
    "updatedAt": "2026-10-17T09:26:10.000Z",
    "modifiedAt": "2026-10-17T09:26:10.000Z",
    "turns": 3,
    "steps": 2,
    "errors": 1,
    "archived": false,
    "bytes": 4448,
    "model": "claude-opus-4-1-20250805",
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  },
  {
    "id": "68e22d9c-000d-46eb-9c4b-1341762cadc0",
    "format": "oxios",
    "store": "/home/dana/.oxios/workspace/sessions",
    "path": "/home/dana/.oxios/workspace/sessions/68e22d9c-000d-46eb-9c4b-1341762cadc0.json",
    "project": "docs-site",
    "projectPath": null,
    "title": "The docs build has been failing on Netlify since this morni…",
    "createdAt": "2026-10-08T07:42:18.774Z",
    "updatedAt": "2026-10-08T07:51:16.429Z",
    "modifiedAt": "2026-10-08T07:51:16.429Z",
    "turns": 2,
    "steps": 9,
    "errors": 2,
    "archived": false,
    "bytes": 7244,
    "model": null,
    "status": null,
    "parentId": null,
    "tokens": null,
    "agent": null,
    "branch": null,
    "costUsd": null
  }
]

export const FAKE_TURNS: Record<string, Turn[]> = {
  "05dee37b-0cf5-4a9a-97fb-9827da585f98": [
    {
      "index": 0,
      "user": {
        "text": "Add a `--format csv` option to `ledger export` so I can open my transactions in a spreadsheet. JSON stays the default.\n\nOne row per posting please, with the transaction date and payee repeated.",
        "at": "2026-11-19T16:05:31.130Z"
      },
      "agent": {
        "text": "Added `ledger export --format csv`:\n\n- `src/export/csv.rs`: writes a `date,payee,account,amount,currency,memo` header, then one row per posting with the transaction's date, payee and memo repeated.\n- `ExportFormat` gained a `Csv` variant; `--format` still defaults to `json`.\n- The first build failed because `src/commands/export.rs` matched on `ExportFormat` exhaustively; I added the `Csv` arm.\n\n`cargo test`: 37 passed. Try `ledger export --format csv transactions.csv`.",
        "at": "2026-11-19T16:06:13.618Z"
      },
      "steps": [
        {
          "id": "toolu_01Tmhl9KXbSlT6j8PDPxHVK7",
          "tool": "read_file",
          "args": {
            "path": "src/cli.rs"
          },
          "output": "use clap::{Args, Parser, Subcommand};\nuse crate::export::ExportFormat;\n\n#[derive(Parser)]\n#[command(name = \"ledger\", version, about = \"Plain-text personal finance ledger\")]\npub struct Cli {\n    #[arg(short, long, global = true, env = \"LEDGER_FILE\")]\n    pub file: Option<PathBuf>,\n    #[command(subcommand)]\n    pub command: Command,\n}\n\n#[derive(Args)]\npub struct ExportArgs {\n    /// Output file (stdout when omitted)\n    pub output: Option<PathBuf>,\n…",
          "at": "2026-11-19T16:05:35.131Z",
          "durationMs": 42,
          "isError": false
        },
        {
          "id": "toolu_01sgLc2KZh1gOfNzwDBkSHJU",
          "tool": "read_file",
          "args": {
            "path": "src/export/mod.rs"
          },
          "output": "mod json;\n\nuse crate::model::Transaction;\nuse std::io::Write;\n\n#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]\npub enum ExportFormat {\n    #[default]\n    Json,\n}\n\npub fn write_json<W: Write>(out: W, txs: &[Transaction]) -> anyhow::Result<()> {\n    json::write(out, txs)\n}\n",
          "at": "2026-11-19T16:05:35.134Z",
          "durationMs": 40,
          "isError": false
        },
        {
          "id": "toolu_01qb3wsIKIOtLYz28C9N3yZQ",
          "tool": "grep",
          "args": {
            "pattern": "ExportFormat|write_json",
            "path": "src"
          },
          "output": "src/cli.rs:2:use crate::export::ExportFormat;\nsrc/cli.rs:31:    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]\nsrc/cli.rs:32:    pub format: ExportFormat,\nsrc/export/mod.rs:7:pub enum ExportFormat {\nsrc/export/mod.rs:12:pub fn write_json<W: Write>(out: W, txs: &[Transaction]) -> anyhow::Result<()> {\nsrc/commands/export.rs:27:    match args.format {\nsrc/commands/export.rs:28:        ExportFormat::Json => export::write_json(out, &txs),",
          "at": "2026-11-19T16:05:36.974Z",
          "durationMs": 51,
          "isError": false
        },
        {
          "id": "toolu_01oVsseiocs9uayH6MTAwUvz",
          "tool": "write_file",
          "args": {
            "path": "src/export/csv.rs",
            "content": "use crate::model::Transaction;\nuse std::io::Write;\n\nconst HEADER: &str = \"date,payee,account,amount,currency,memo\";\n\npub fn write<W: Write>(mut out: W, txs: &[Transaction]) -> anyhow::Result<()> {\n    writeln!(out, \"{HEADER}\")?;\n    for tx in txs {\n        for posting in &tx.postings {\n            writeln!(out, \"{},{},{},{},{},{}\", tx.date, tx.payee, posting.account,\n                posting.amount.value, posting.amount.currency, tx.memo.as_deref().unwrap_or(\"\"))?;\n        }\n    }\n    Ok(())\n}\n"
          },
          "output": "Wrote 498 bytes to src/export/csv.rs (new file)",
          "at": "2026-11-19T16:05:46.425Z",
          "durationMs": 58,
          "isError": false
        },
        {
          "id": "toolu_01bQnlvR51Wf6yEpzeSyihqv",
          "tool": "edit_file",
          "args": {
            "path": "src/export/mod.rs",
            "old_string": "mod json;",
            "new_string": "pub mod csv;\nmod json;"
          },
          "output": "Edited src/export/mod.rs (1 replacement)",
          "at": "2026-11-19T16:05:47.684Z",
          "durationMs": 44,
          "isError": false
        },
        {
          "id": "toolu_01UAfAKX7A6GxrEvPrNMsU2I",
          "tool": "edit_file",
          "args": {
            "path": "src/export/mod.rs",
            "old_string": "    Json,\n}",
            "new_string": "    Json,\n    Csv,\n}"
          },
          "output": "Edited src/export/mod.rs (1 replacement)",
          "at": "2026-11-19T16:05:48.628Z",
          "durationMs": 41,
          "isError": false
        },
        {
          "id": "toolu_01o5RZOJMgVrdESeEfy7obfk",
          "tool": "shell",
          "args": {
            "command": "cargo build",
            "cwd": "/home/dana/src/ledger-cli"
          },
          "output": "   Compiling ledger-cli v0.8.3 (/home/dana/src/ledger-cli)\nerror[E0004]: non-exhaustive patterns: `ExportFormat::Csv` not covered\n  --> src/commands/export.rs:27:11\n   |\n27 |     match args.format {\n   |           ^^^^^^^^^^^ pattern `ExportFormat::Csv` not covered\n   |\nnote: `ExportFormat` defined here\n  --> src/export/mod.rs:8:10\n   |\n8  | pub enum ExportFormat {\n   |          ^^^^^^^^^^^^\n…\nerror: could not compile `ledger-cli` (bin \"ledger\") due to 1 previous error",
          "at": "2026-11-19T16:05:49.770Z",
          "durationMs": 6270,
          "isError": true
        },
        {
          "id": "toolu_01DkXxFLdXzuqRjGzKvSE9a4",
          "tool": "edit_file",
          "args": {
            "path": "src/commands/export.rs",
            "old_string": "        ExportFormat::Json => export::write_json(out, &txs),",
            "new_string": "        ExportFormat::Json => export::write_json(out, &txs),\n        ExportFormat::Csv => export::csv::write(out, &txs),"
          },
          "output": "Edited src/commands/export.rs (1 replacement)",
          "at": "2026-11-19T16:05:59.240Z",
          "durationMs": 47,
          "isError": false
        },
        {
          "id": "toolu_01Ldu1uL75hgkprGbzjJsZCP",
          "tool": "shell",
          "args": {
            "command": "cargo test",
            "cwd": "/home/dana/src/ledger-cli"
          },
          "output": "   Compiling ledger-cli v0.8.3 (/home/dana/src/ledger-cli)\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 6.88s\n     Running unittests src/main.rs (target/debug/deps/ledger-1d0c6b3f9e2a7584)\n\ntest result: ok. 37 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.06s",
          "at": "2026-11-19T16:06:00.087Z",
          "durationMs": 7930,
          "isError": false
        }
      ]
    },
    {
      "index": 1,
      "user": {
        "text": "Payees with commas (\"Smith, Jones & Co\") shift the columns. Quote fields properly and add a test for it.",
        "at": "2026-11-19T16:14:47.366Z"
      },
      "agent": {
        "text": "Switched the CSV writer to the `csv` crate (1.3), which quotes fields containing commas, quotes or newlines and doubles embedded quotes, per RFC 4180. `tests/export_csv.rs` checks a payee with a comma and a memo with quotes:\n\n```\n2026-11-02,\"Smith, Jones & Co\",Expenses:Legal,-350.00,EUR,\"invoice \"\"Q3\"\"\"\n```\n\nThe test passes.",
        "at": "2026-11-19T16:15:18.384Z"
      },
      "steps": [
        {
          "id": "toolu_01FGAE2lGwHWnhv6DFnbijwd",
          "tool": "shell",
          "args": {
            "command": "cargo add csv@1.3",
            "cwd": "/home/dana/src/ledger-cli"
          },
          "output": "    Updating crates.io index\n      Adding csv v1.3.1 to dependencies\n             Features:\n             - (none)",
          "at": "2026-11-19T16:14:50.967Z",
          "durationMs": 1460,
          "isError": false
        },
        {
          "id": "toolu_015lFeFdrLfg1P0hTuaizPO2",
          "tool": "write_file",
          "args": {
            "path": "src/export/csv.rs",
            "content": "use crate::model::Transaction;\nuse std::io::Write;\n\npub fn write<W: Write>(out: W, txs: &[Transaction]) -> anyhow::Result<()> {\n    let mut w = csv::Writer::from_writer(out);\n    w.write_record([\"date\", \"payee\", \"account\", \"amount\", \"currency\", \"memo\"])?;\n    for tx in txs {\n        for p in &tx.postings {\n            w.write_record([&tx.date.to_string(), &tx.payee, &p.account,\n                &p.amount.value.to_string(), &p.amount.currency, tx.memo.as_deref().unwrap_or(\"\")])?;\n        }\n    }\n    w.flush()?;\n    Ok(())\n}\n"
          },
          "output": "Wrote 528 bytes to src/export/csv.rs",
          "at": "2026-11-19T16:14:59.627Z",
          "durationMs": 61,
          "isError": false
        },
        {
          "id": "toolu_01pPB0Efhurb8aMCl0FVVZVN",
          "tool": "write_file",
          "args": {
            "path": "tests/export_csv.rs",
            "content": "use ledger::export::csv;\nuse ledger::model::fixtures::tx;\n\n#[test]\nfn payee_with_comma_and_quotes_is_escaped() {\n    let txs = vec![tx(\"2026-11-02\", \"Smith, Jones & Co\", \"Expenses:Legal\", \"-350.00\", \"EUR\")\n        .memo(\"invoice \\\"Q3\\\"\")];\n    let mut out = Vec::new();\n    csv::write(&mut out, &txs).unwrap();\n    let text = String::from_utf8(out).unwrap();\n    assert_eq!(text.lines().nth(1).unwrap(),\n        r#\"2026-11-02,\"Smith, Jones & Co\",Expenses:Legal,-350.00,EUR,\"invoice \"\"Q3\"\"\"\"#);\n}\n"
          },
          "output": "Wrote 496 bytes to tests/export_csv.rs (new file)",
          "at": "2026-11-19T16:15:04.788Z",
          "durationMs": 55,
          "isError": false
        },
        {
          "id": "toolu_01TcVghkZCPE5xiCACvMBRF9",
          "tool": "shell",
          "args": {
            "command": "cargo test --test export_csv",
            "cwd": "/home/dana/src/ledger-cli"
          },
          "output": "   Compiling csv-core v0.1.12\n   Compiling csv v1.3.1\n   Compiling ledger-cli v0.8.3 (/home/dana/src/ledger-cli)\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 8.31s\n     Running tests/export_csv.rs (target/debug/deps/export_csv-93b2e0d74c1f6a58)\n\nrunning 1 test\ntest payee_with_comma_and_quotes_is_escaped ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
          "at": "2026-11-19T16:15:05.544Z",
          "durationMs": 8940,
          "isError": false
        }
      ]
    },
    {
      "index": 2,
      "user": {
        "text": "Next: add a `--since` flag to export that takes either a date like 2026-01-01 or a relative duration like 30d.",
        "at": "2026-11-19T16:21:08.182Z"
      },
      "agent": null,
      "steps": []
    }
  ],
  "96427893-8db4-42c5-bdac-1e0110672a4d": [
    {
      "index": 0,
      "user": {
        "text": "Customers who upgrade mid-cycle are being invoiced a cent more than the quote we show in the dashboard. Reproduce it with a Team → Business upgrade in a 31-day month and find where the rounding goes wrong.",
        "at": "2026-11-14T09:11:58.507Z"
      },
      "agent": {
        "text": "Reproduced — `tests/proration_repro.rs` nets **$8.07** on the invoice where the dashboard quotes **$8.06** (Team $49 → Business $99, 5 of 31 days left).\n\n**Cause:** `plan_change_lines` (src/invoice/proration.rs:38–39) prorates and rounds the credit and the charge *separately*:\n\n- credit 49 × 5/31 = 7.903 → **7.90**\n- charge 99 × 5/31 = 15.968 → **15.97**\n- net = **8.07**\n\n`quote_delta` instead prorates the $50 difference once: 50 × 5/31 = 8.065 → **8.06**. Two half-up roundings can drift by a cent from one rounding; it happens on 4 days of a 31-day month for this plan pair (days 5, 9, 22 and 26 remaining).\n\nSuggested fix: prorate the net once (same as the quote) and derive the charge line as `credit + net`, so the lines still show both sides but always add up to the quoted amount. Want me to go ahead?",
        "at": "2026-11-14T09:12:36.808Z"
      },
      "steps": [
        {
          "id": "toolu_01m8V1SosFRl91sQrdfnYOPi",
          "tool": "grep",
          "args": {
            "pattern": "prorat",
            "path": "src",
            "case_insensitive": true
          },
          "output": "src/invoice/proration.rs:13:pub fn prorate(amount: Money, remaining: u32, period: u32) -> Money {\nsrc/invoice/proration.rs:38:    let credit = prorate(change.from.price, remaining, period);\nsrc/invoice/proration.rs:39:    let charge = prorate(change.to.price, remaining, period);\nsrc/invoice/builder.rs:102:        let lines = proration::plan_change_lines(&sub, &change, on)?;\nsrc/quote.rs:12:    let delta = proration::quote_delta(sub, target, today)?;",
          "at": "2026-11-14T09:12:03.108Z",
          "durationMs": 48,
          "isError": false
        },
        {
          "id": "toolu_01EFT9fyXaDuNsuwCPUInzk7",
          "tool": "read_file",
          "args": {
            "path": "src/invoice/proration.rs"
          },
          "output": "use crate::money::{round_half_up, Money};\nuse crate::plan::PlanChange;\nuse crate::subscription::{BillingPeriod, Subscription};\nuse chrono::NaiveDate;\n\n/// Prorates `amount` over the days left in the billing period.\npub fn prorate(amount: Money, remaining: u32, period: u32) -> Money {\n    round_half_up(amount.as_decimal() * remaining / period)\n}\n…",
          "at": "2026-11-14T09:12:05.456Z",
          "durationMs": 41,
          "isError": false
        },
        {
          "id": "toolu_01BawMqBTfvQeue9d4sEB7NX",
          "tool": "read_file",
          "args": {
            "path": "src/money.rs"
          },
          "output": "use rust_decimal::prelude::*;\nuse serde::{Deserialize, Serialize};\n\n/// An amount in minor units (cents). All arithmetic on prices goes through Decimal.\n#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]\npub struct Money(pub i64);\n\nimpl Money {\n    pub fn as_decimal(self) -> Decimal {\n        Decimal::new(self.0, 2)\n    }\n}\n\npub fn round_half_up(value: Decimal) -> Money {\n    let cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);\n…",
          "at": "2026-11-14T09:12:05.463Z",
          "durationMs": 44,
          "isError": false
        },
        {
          "id": "toolu_01zeLhxq8qpSIB9OlGq9EB39",
          "tool": "read_file",
          "args": {
            "path": "src/quote.rs"
          },
          "output": "use crate::invoice::proration;\nuse crate::plan::Plan;\nuse crate::subscription::Subscription;\n\npub struct UpgradeQuote {\n    pub due_now: Money,\n    pub next_invoice: Money,\n}\n\npub fn quote_upgrade(sub: &Subscription, target: &Plan, today: NaiveDate) -> Result<UpgradeQuote, QuoteError> {\n    // Prorate the price difference once and round the result.\n    let delta = proration::quote_delta(sub, target, today)?;\n    Ok(UpgradeQuote { due_now: delta, next_invoice: target.price })\n}\n…",
          "at": "2026-11-14T09:12:05.472Z",
          "durationMs": 52,
          "isError": false
        },
        {
          "id": "toolu_01UWRMPczs9LdMcmNoXzDVVx",
          "tool": "write_file",
          "args": {
            "path": "tests/proration_repro.rs",
            "content": "use billing::invoice::proration::plan_change_lines;\nuse billing::testing::{plan, subscription_on};\nuse chrono::NaiveDate;\n\n/// Team ($49) -> Business ($99) with 5 of 31 days left: the dashboard quotes $8.06.\n#[test]\nfn upgrade_team_to_business_31_day_month() {\n    let sub = subscription_on(plan(\"team\", 4900), NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());\n    let change = sub.change_to(plan(\"business\", 9900));\n    let lines = plan_change_lines(&sub, &change, NaiveDate::from_ymd_opt(2026, 10, 27).unwrap()).unwrap();\n    let net: i64 = lines.iter().map(|l| l.amount.0).sum();\n    assert_eq!(billing::money::Money(net), billing::money::Money(806));\n}\n"
          },
          "output": "Wrote 655 bytes to tests/proration_repro.rs (new file)",
          "at": "2026-11-14T09:12:17.324Z",
          "durationMs": 63,
          "isError": false
        },
        {
          "id": "toolu_01KVp7piWelsTFnSXNGDcaVT",
          "tool": "shell",
          "args": {
            "command": "cargo test -p billing --test proration_repro",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "    Finished `test` profile [unoptimized + debuginfo] target(s) in 7.91s\n     Running tests/proration_repro.rs\nrunning 1 test\ntest upgrade_team_to_business_31_day_month ... FAILED\n---- upgrade_team_to_business_31_day_month stdout ----\nthread 'upgrade_team_to_business_31_day_month' panicked at tests/proration_repro.rs:12:5:\nassertion `left == right` failed\n  left: Money(807)\n right: Money(806)\ntest result: FAILED. 0 passed; 1 failed\nerror: test failed, to rerun pass `--test proration_repro`",
          "at": "2026-11-14T09:12:18.788Z",
          "durationMs": 8420,
          "isError": true
        }
      ]
    },
    {
      "index": 1,
      "user": {
        "text": "Yes, do that. Keep separate credit and charge lines on the invoice, they just have to add up to the quote. Turn the repro into a regression test that checks every day of the month.",
        "at": "2026-11-14T09:16:40.707Z"
      },
      "agent": {
        "text": "Done.\n\n- `plan_change_lines` now prorates the **net** difference once and sets `charge = credit + net`; the credit line is unchanged, the charge line absorbs the rounding (15.96 instead of 15.97 in the repro case).\n- `tests/proration_repro.rs` → `tests/proration_regression.rs`, now looping over all 31 days and asserting invoice net == `quote_upgrade(...).due_now`.\n- `cargo test -p billing`: 154 passed (118 unit, 31 invoice builder, 1 regression, 4 doc). `cargo clippy -D warnings` is clean.\n\nDowngrades go through the same function, so they get the fix too (the net is negative there and the credit still rounds on its own).",
        "at": "2026-11-14T09:17:17.706Z"
      },
      "steps": [
        {
          "id": "toolu_01Cg1qqiojOKCuRhqzR9vzWG",
          "tool": "read_file",
          "args": {
            "path": "src/invoice/builder.rs",
            "offset": 90,
            "limit": 40
          },
          "output": "        // Mid-period plan change: credit the unused time, charge the new plan.\n        if let Some(change) = sub.pending_change() {\n            let lines = proration::plan_change_lines(&sub, &change, on)?;\n            invoice.extend(lines);\n        }\n        for addon in sub.addons() {\n            invoice.push(Line::charge(addon.name.clone(), addon.price));\n        }\n        invoice.apply_tax(&self.tax_table)?;\n…",
          "at": "2026-11-14T09:16:44.408Z",
          "durationMs": 43,
          "isError": false
        },
        {
          "id": "toolu_01qMNBnv07PtBgSR77kFSt9X",
          "tool": "write_file",
          "args": {
            "path": "src/invoice/proration.rs",
            "content": "use crate::invoice::Line;\nuse crate::money::{round_half_up, Money};\nuse crate::plan::PlanChange;\nuse crate::subscription::Subscription;\nuse chrono::NaiveDate;\n\n#[derive(Debug, thiserror::Error)]\npub enum ProrationError {\n    #[error(\"change date {0} is outside the current billing period\")]\n    OutsidePeriod(NaiveDate),\n}\n\n/// Prorates `amount` over the days left in the billing period.\npub fn prorate(amount: Money, remaining: u32, period: u32) -> Money {\n    round_half_up(amount.as_decimal() * re…"
          },
          "output": "Wrote 1331 bytes to src/invoice/proration.rs",
          "at": "2026-11-14T09:16:53.351Z",
          "durationMs": 71,
          "isError": false
        },
        {
          "id": "toolu_01lAWdspiuHvlmsHSw4fu31I",
          "tool": "shell",
          "args": {
            "command": "git mv tests/proration_repro.rs tests/proration_regression.rs"
          },
          "output": "(no output)",
          "at": "2026-11-14T09:16:55.322Z",
          "durationMs": 57,
          "isError": false
        },
        {
          "id": "toolu_016SKx93gt9ttH2pn6mVxSJe",
          "tool": "write_file",
          "args": {
            "path": "tests/proration_regression.rs",
            "content": "use billing::invoice::proration::plan_change_lines;\nuse billing::quote::quote_upgrade;\nuse billing::testing::{plan, subscription_on};\nuse chrono::NaiveDate;\n\n/// Every day of a 31-day month, for the Team -> Business upgrade: invoice net == quote.\n#[test]\nfn plan_change_net_matches_quote_every_day_of_31_day_month() {\n    let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();\n    let sub = subscription_on(plan(\"team\", 4900), start);\n    let target = plan(\"business\", 9900);\n    for day in 0..31…"
          },
          "output": "Wrote 804 bytes to tests/proration_regression.rs",
          "at": "2026-11-14T09:17:01.480Z",
          "durationMs": 66,
          "isError": false
        },
        {
          "id": "toolu_01kIZa5RCNIyNj2kJgZfg0ja",
          "tool": "shell",
          "args": {
            "command": "cargo test -p billing",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "     Running unittests src/lib.rs\ntest result: ok. 118 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.41s\n     Running tests/invoice_builder.rs\ntest result: ok. 31 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.12s\n     Running tests/proration_regression.rs\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s\n   Doc-tests billing\ntest result: ok. 4 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; fi…",
          "at": "2026-11-14T09:17:02.746Z",
          "durationMs": 8860,
          "isError": false
        },
        {
          "id": "toolu_01HIAmBBOBcGFk7oP1e1aGDJ",
          "tool": "shell",
          "args": {
            "command": "cargo clippy -p billing --all-targets -- -D warnings",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "    Blocking waiting for file lock on build directory\n    Checking billing v0.14.2 (/home/dana/src/billing-api)\n    Finished `dev` profile [unoptimized + debuginfo] target(s) in 6.37s",
          "at": "2026-11-14T09:17:02.887Z",
          "durationMs": 7410,
          "isError": false
        }
      ]
    },
    {
      "index": 2,
      "user": {
        "text": "Nice. Does the Stripe webhook reconciliation depend on the old per-line rounding? I don't want invoice.upcoming to start flagging mismatches.",
        "at": "2026-11-14T09:24:12.265Z"
      },
      "agent": {
        "text": "No — it's safe.\n\n`reconcile_upcoming` (src/webhooks/stripe.rs:210) doesn't re-derive the proration lines; it compares our draft total with Stripe's `amount_due` and already allows `PRORATION_TOLERANCE_CENTS` (1¢) **per proration line**, because Stripe prorates each line item on its own. After the change our total can only move by at most 1¢ on a plan-change invoice, which is within that tolerance.\n\nThe 23 webhook tests pass, including `reconcile_upcoming_within_tolerance` and `reconcile_upcoming_flags_mismatch`.\n\nOne thing worth knowing: since Stripe rounds per line, *Stripe's* number can still differ from the dashboard quote by a cent. If you want them identical end to end you'd have to send the proration as a single invoice item (`proration_behavior: none` + our own line). Happy to sketch that if it matters.",
        "at": "2026-11-14T09:24:36.023Z"
      },
      "steps": [
        {
          "id": "toolu_01RXpg2mAb3NvtNQHJGPemad",
          "tool": "grep",
          "args": {
            "pattern": "round_half_up",
            "path": "src"
          },
          "output": "src/money.rs:17:pub fn round_half_up(value: Decimal) -> Money {\nsrc/invoice/proration.rs:1:use crate::money::{round_half_up, Money};\nsrc/invoice/proration.rs:14:    round_half_up(amount.as_decimal() * remaining / period)\nsrc/tax.rs:41:    round_half_up(base.as_decimal() * rate.as_decimal() / dec!(100))\nsrc/webhooks/stripe.rs:214:    let ours = round_half_up(invoice.total_decimal());",
          "at": "2026-11-14T09:24:16.465Z",
          "durationMs": 46,
          "isError": false
        },
        {
          "id": "toolu_01sNwAxJUXuiWnfTPaAvTRpQ",
          "tool": "read_file",
          "args": {
            "path": "src/webhooks/stripe.rs",
            "offset": 200,
            "limit": 40
          },
          "output": "    // Stripe prorates each line on its own: allow 1 cent per proration line.\n    async fn reconcile_upcoming(&self, event: &UpcomingInvoice) -> Result<Reconciliation, WebhookError> {\n        let invoice = self.invoices.draft_for(&event.subscription).await?;\n        let ours = round_half_up(invoice.total_decimal());\n        let theirs = Money(event.amount_due);\n        let tolerance = PRORATION_TOLERANCE_CENTS * event.proration_line_count() as i64;\n        if (ours.0 - theirs.0).abs() > toleran…",
          "at": "2026-11-14T09:24:18.211Z",
          "durationMs": 42,
          "isError": false
        },
        {
          "id": "toolu_01BuDqhealASOi0d2a4SET4d",
          "tool": "web_fetch",
          "args": {
            "url": "https://docs.stripe.com/billing/subscriptions/prorations"
          },
          "output": "Prorations | Stripe Documentation\n\nChanges to a subscription, such as upgrading or downgrading, can result in prorated charges. When a customer changes price mid-cycle, Stripe by default creates proration invoice items: a credit for the unused time on the old price and a debit for the remaining time on the new price. Proration behaviour can be controlled with proration_behavior (create_prorations, always_invoice, none)…",
          "at": "2026-11-14T09:24:18.223Z",
          "durationMs": 1240,
          "isError": false
        },
        {
          "id": "toolu_01CN1lE6U7DYJ7HeHGAnyO46",
          "tool": "shell",
          "args": {
            "command": "cargo test -p billing webhooks::",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "     Running unittests src/lib.rs (target/debug/deps/billing-8a3e6f1c0d2b9a47)\n\nrunning 23 tests\ntest webhooks::stripe::tests::reconcile_upcoming_within_tolerance ... ok\ntest webhooks::stripe::tests::reconcile_upcoming_flags_mismatch ... ok\ntest webhooks::stripe::tests::signature_rejects_replayed_event ... ok\n…\ntest result: ok. 23 passed; 0 failed; 0 ignored; 0 measured; 95 filtered out; finished in 0.19s",
          "at": "2026-11-14T09:24:24.663Z",
          "durationMs": 3960,
          "isError": false
        }
      ]
    }
  ],
  "bd953dc2-3cc2-4779-8825-c7cc67e84707": [
    {
      "index": 0,
      "user": {
        "text": "Our outgoing webhook retries fire every 10 seconds forever when a customer's endpoint is down, and one customer just complained we DoS'd them. Switch to exponential backoff with jitter, capped at 6 hours, and give up after 3 days.",
        "at": null
      },
      "agent": {
        "text": "I'll start with the retry scheduler and the worker that calls it.\n\n`next_delay` is a constant 10 s and `should_give_up` always says no, and the worker never calls it. I'll implement capped exponential backoff with full jitter (base 30 s) and wire the give-up check into the worker.\n\n`rand` isn't a dependency of `billing` yet. I'll add rand 0.9 and use its current API (`rand::rng()` / `random_range`; `thread_rng` and `gen_range` are deprecated there).\n\nDone:\n\n- `retry::next_delay` — exponential backoff with full jitter: a random delay in `[0, min(6 h, 30 s × 2^attempt)]`. Jitter stops all failed deliveries for one customer from retrying in lockstep.\n- `retry::should_give_up` — true 3 days after the first attempt; the worker then marks the delivery failed and disables the endpoint (same as the manual \"disable endpoint\" action, so the customer sees it in their dashboard).\n- Added `rand` 0.9 to `billing`'s dependencies (it only had it transitively).\n\nAll 26 webhook tests pass. A dead endpoint now gets about 30 attempts over 3 days instead of ~26 000.",
        "at": null
      },
      "steps": [
        {
          "id": "toolu_01dGlMoiyrlfxX1rTnyFf3vA",
          "tool": "filesystem:read_file",
          "args": {
            "path": "/home/dana/src/billing-api/src/webhooks/retry.rs"
          },
          "output": "use std::time::Duration;\n\n/// Delay before the next delivery attempt of an outgoing webhook.\npub fn next_delay(_attempt: u32) -> Duration {\n    Duration::from_secs(10)\n}\n\npub fn should_give_up(_first_attempt_at: DateTime<Utc>, _now: DateTime<Utc>) -> bool {\n    false\n}\n",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_017NUtFOY6aF0kDQHBwtnOAm",
          "tool": "filesystem:read_file",
          "args": {
            "path": "/home/dana/src/billing-api/src/webhooks/worker.rs",
            "start_line": 40,
            "end_line": 75
          },
          "output": "    loop {\n        let due = self.queue.next_due(Utc::now()).await?;\n        for delivery in due {\n            match self.client.send(&delivery).await {\n                Ok(resp) if resp.status().is_success() => self.queue.mark_delivered(delivery.id).await?,\n                _ => {\n                    let delay = retry::next_delay(delivery.attempts);\n                    self.queue.reschedule(delivery.id, Utc::now() + delay).await?;\n                }\n            }\n        }\n    }",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_01p48ddS880t0DnDzAtAIKzC",
          "tool": "filesystem:write_file",
          "args": {
            "path": "/home/dana/src/billing-api/src/webhooks/retry.rs",
            "content": "use chrono::{DateTime, Utc};\nuse rand::Rng;\nuse std::time::Duration;\n\nconst BASE: Duration = Duration::from_secs(30);\nconst CAP: Duration = Duration::from_secs(6 * 60 * 60);\nconst GIVE_UP_AFTER: chrono::Duration = chrono::Duration::days(3);\n\n/// Exponential backoff with full jitter: uniform in [0, min(CAP, BASE * 2^attempt)].\npub fn next_delay(attempt: u32) -> Duration {\n    let ceiling = BASE.saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX)).min(CAP);\n    let millis = rand::thread_r…"
          },
          "output": "Wrote 716 bytes to /home/dana/src/billing-api/src/webhooks/retry.rs",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_01YuheDByziCzzvOJ1NQAx9G",
          "tool": "filesystem:edit_file",
          "args": {
            "path": "/home/dana/src/billing-api/src/webhooks/worker.rs",
            "old": "                _ => {\n                    let delay",
            "new": "                _ if retry::should_give_up(delivery.first_attempt_at, Utc::now()) => {\n                    self.queue.mark_failed(delivery.id, \"gave up after 3 days\").await?;\n                    self.endpoints.disable(delivery.endpoint_id).await?;\n                }\n                _ => {\n                    let delay"
          },
          "output": "Edited /home/dana/src/billing-api/src/webhooks/worker.rs (1 replacement)",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_014LJqcb0chjL4JMqJUiKBUU",
          "tool": "shell:run",
          "args": {
            "command": "cargo test -p billing webhooks::retry",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "   Compiling billing v0.14.2 (/home/dana/src/billing-api)\nerror[E0432]: unresolved import `rand`\n --> src/webhooks/retry.rs:2:5\n  |\n2 | use rand::Rng;\n  |     ^^^^ use of unresolved module or unlinked crate `rand`\n  |\n  = help: if you wanted to use a crate named `rand`, use `cargo add rand` to add it to your `Cargo.toml`\n\nerror[E0433]: failed to resolve: use of unresolved module or unlinked crate `rand`\n  --> src/webhooks/retry.rs:12:18\n   |\n12 |     let millis = rand::thread_rng().gen_range(0..=ceiling.as_millis() as u64);\n   |                  ^^^^ use of unresolved module or unlinked crate …",
          "at": null,
          "durationMs": null,
          "isError": true
        },
        {
          "id": "toolu_01jB3Gy1ylMsP1ZoQNObr0S2",
          "tool": "shell:run",
          "args": {
            "command": "cargo add rand@0.9 -p billing",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "    Updating crates.io index\n      Adding rand v0.9.2 to dependencies\n             Features:\n             + alloc\n             + os_rng\n             + small_rng\n             + std\n             + std_rng\n             + thread_rng\n             - log\n             - serde\n             - simd_support",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_01jBdzzC7mFxqyTMWMvXGnT6",
          "tool": "filesystem:edit_file",
          "args": {
            "path": "/home/dana/src/billing-api/src/webhooks/retry.rs",
            "old": "rand::thread_rng().gen_range(",
            "new": "rand::rng().random_range("
          },
          "output": "Edited /home/dana/src/billing-api/src/webhooks/retry.rs (1 replacement)",
          "at": null,
          "durationMs": null,
          "isError": false
        },
        {
          "id": "toolu_01blnpNtI2Ry5DLWdNw9LHxi",
          "tool": "shell:run",
          "args": {
            "command": "cargo test -p billing webhooks::",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "   Compiling billing v0.14.2 (/home/dana/src/billing-api)\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 9.02s\n     Running unittests src/lib.rs (target/debug/deps/billing-8a3e6f1c0d2b9a47)\n\nrunning 26 tests\ntest webhooks::retry::tests::delay_never_exceeds_cap ... ok\ntest webhooks::retry::tests::gives_up_after_three_days ... ok\ntest webhooks::worker::tests::disables_endpoint_after_give_up ... ok\n...\ntest result: ok. 26 passed; 0 failed; 0 ignored; 0 measured; 95 filtered out; finished in 0.31s",
          "at": null,
          "durationMs": null,
          "isError": false
        }
      ]
    },
    {
      "index": 1,
      "user": {
        "text": "Can you show me the schedule it produces for the first 10 attempts?",
        "at": null
      },
      "agent": {
        "text": "Here is one sampled run. The **ceiling** doubles from 30 s and reaches the 6 h cap at attempt 10; the **sampled delay** is uniform below it, so individual delays can be short (attempt 4 waited only 55 s) — that's the jitter doing its job. On average a delivery waits half the ceiling, so the first 10 attempts span roughly 4¼ hours.",
        "at": null
      },
      "steps": [
        {
          "id": "toolu_01Y5JhKJBp5e9kiJUAk35cYx",
          "tool": "shell:run",
          "args": {
            "command": "cargo run -q -p billing --example retry_schedule -- --attempts 10",
            "cwd": "/home/dana/src/billing-api"
          },
          "output": "attempt  ceiling    sampled delay\n      0      30s           17s\n      1      1m            48s\n      2      2m          1m 31s\n      3      4m          3m 02s\n      4      8m            55s\n      5     16m         12m 40s\n      6     32m         21m 09s\n      7  1h 04m         58m 13s\n      8  2h 08m      1h 47m 26s\n      9  4h 16m         39m 51s",
          "at": null,
          "durationMs": null,
          "isError": false
        }
      ]
    }
  ],
  "0ab772dc-b7ed-45da-a180-61082e376b8b": [
    {
      "index": 0,
      "user": {
        "text": "How do I sum the `amount` field of every object in a JSON array with jq, grouped by `currency`?",
        "at": null
      },
      "agent": {
        "text": "Group, then reduce each group:\n\n```sh\njq 'group_by(.currency) | map({currency: .[0].currency, total: (map(.amount) | add)})' export.json\n```\n\n`group_by` sorts and splits the array by `currency`; for each group, `map(.amount) | add` sums the amounts. If you'd rather have an object keyed by currency:\n\n```sh\njq 'reduce .[] as $t ({}; .[$t.currency] += $t.amount)' export.json\n```",
        "at": null
      },
      "steps": []
    },
    {
      "index": 1,
      "user": {
        "text": "I ran the first one on ~/Downloads/export.json and got:\njq: error (at /home/dana/Downloads/export.json:0): Cannot index string with \"currency\"",
        "at": null
      },
      "agent": {
        "text": "That error means the top level isn't the array itself. Let me look at the start of the file.\n\nI'm not allowed to read `~/Downloads` yet. May I read the first 600 bytes of `~/Downloads/export.json`?",
        "at": null
      },
      "steps": [
        {
          "id": "toolu_019XACrNxsUIi5kgkQAdnxbX",
          "tool": "filesystem:read_file",
          "args": {
            "path": "/home/dana/Downloads/export.json",
            "max_bytes": 600
          },
          "output": "Access denied: /home/dana/Downloads/export.json is outside the session's allowed paths. Ask the user to approve access.",
          "at": null,
          "durationMs": null,
          "isError": true
        }
      ]
    },
    {
      "index": 2,
      "user": {
        "text": "yes, go ahead",
        "at": null
      },
      "agent": {
        "text": "The array is under `transactions`, so start the filter there:\n\n```sh\njq '.transactions | group_by(.currency) | map({currency: .[0].currency, total: (map(.amount) | add)})' ~/Downloads/export.json\n```\n\nThe totals will be negative for spending, because the bank writes debits as negative amounts; use `(map(.amount) | add | -.)` to flip the sign.",
        "at": null
      },
      "steps": [
        {
          "id": "toolu_01gxQJdZnteHk1CAbSdfBEmh",
          "tool": "filesystem:read_file",
          "args": {
            "path": "/home/dana/Downloads/export.json",
            "max_bytes": 600
          },
          "output": "{\n  \"exported_at\": \"2026-10-17T09:14:02Z\",\n  \"account\": \"DE89 3704 0044 0532 0130 00\",\n  \"transactions\": [\n    {\n      \"id\": \"tx_8f2a61\",\n      \"booked\": \"2026-10-01\",\n      \"counterparty\": \"Hetzner Online GmbH\",\n      \"amount\": -42.84,\n      \"currency\": \"EUR\"\n    },\n    {\n      \"id\": \"tx_8f2a62\",\n      \"booked\": \"2026-10-02\",\n      \"counterparty\": \"GitHub, Inc.\",\n      \"amount\": -19.0,\n      \"currency\": \"USD\"\n    },",
          "at": null,
          "durationMs": null,
          "isError": false
        }
      ]
    }
  ]
}
