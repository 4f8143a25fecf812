//! The GitHub Actions workflow that builds and publishes a site.

use super::{PACKAGE, PAGEFIND, VERSION};

const WORKFLOW_HEAD: &str = r#"# Builds the site with Clarion and publishes it on GitHub Pages, and checks
# every pull request, showing each mistake on the changed line.
#
# Turn Pages on once: in the repository's Settings, under Pages, set
# "Build and deployment" to "GitHub Actions".
name: Publish the site

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:
  # Every hour, at 5 minutes past, so that an inspection with an `embargo`
  # appears soon after the embargo lifts (and never before). GitHub may start
  # scheduled runs late when it is busy, sometimes by 15 minutes or more.
  schedule:
    - cron: "5 * * * *"

permissions:
  contents: read
  pages: write
  id-token: write

# One publication at a time: a run that starts while another is publishing
# waits. A pull request's check has its own group, and a newer push to the
# pull request replaces it.
concurrency:
  group: ${{ github.event_name == 'pull_request' && github.ref || 'pages' }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

"#;

const WORKFLOW_INSTALL: &str = r#"env:
  # The Clarion that builds the site. To upgrade, change the version here.
  CLARION: {PACKAGE}=={VERSION}

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: actions/setup-python@v7
        with:
          python-version: "3.13"
      - name: Install Clarion
        run: pip install "$CLARION"
      - name: Check the site
        run: clarion check

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: actions/setup-python@v7
        with:
          python-version: "3.13"
      - name: Install Clarion
        run: pip install "$CLARION"
      - name: Set up Pages
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        run: clarion build --base-url "${{ steps.pages.outputs.base_url }}/"
"#;

/// Clarion's own repository builds Clarion from its source, with a cache.
const WORKFLOW_REPO_BUILD: &str = r#"jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - uses: actions/cache@v6
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}
          restore-keys: cargo-${{ runner.os }}-
      - name: Check the site
        run: cargo run --release -- check

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - uses: actions/cache@v6
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}
          restore-keys: cargo-${{ runner.os }}-
      - name: Set up Pages
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        run: cargo run --release -- build --base-url "${{ steps.pages.outputs.base_url }}/"
"#;

const WORKFLOW_TAIL: &str = r#"      # The search index for the site's finder, made from the built pages.
      - name: Make the search index
        run: npx --yes {PAGEFIND} --site site
      - uses: actions/upload-pages-artifact@v5
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Publish on GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#;

/// The workflow `clarion init` writes: installs this version of Clarion
/// from PyPI (no Rust, no cache), checks pull requests, builds, publishes.
pub fn pages_workflow() -> String {
    let install = WORKFLOW_INSTALL
        .replace("{PACKAGE}", PACKAGE)
        .replace("{VERSION}", VERSION);
    let tail = WORKFLOW_TAIL.replace("{PAGEFIND}", PAGEFIND);
    format!("{WORKFLOW_HEAD}{install}{tail}")
}

/// The workflow of Clarion's own repository, which publishes its example
/// site built from the source in the repository.
pub fn repository_workflow() -> String {
    let tail = WORKFLOW_TAIL.replace("{PAGEFIND}", PAGEFIND);
    format!("{WORKFLOW_HEAD}{WORKFLOW_REPO_BUILD}{tail}")
}
