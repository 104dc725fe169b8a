/**
 * verify.html, a tag file at the root of every bundle: a page that checks an unzipped bag in a
 * browser, offline, without Casebook and without sending a byte anywhere. The reader picks the
 * bag's folder (or drops it on the page); the page reads manifest-sha256.txt, recomputes each
 * payload file's SHA-256 with Web Crypto, checks Payload-Oxum, and names every file that differs,
 * is missing or is not in the manifest.
 *
 * Everything is inline (no external request could be made from a file:// page anyway, and an
 * archive must work when today's CDNs are gone). File names are shown with textContent only: a
 * bag's names are data, not markup.
 */
export const VERIFY_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>Verify this Casebook bundle</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.4rem; }
  #drop { border: 2px dashed #888; border-radius: 8px; padding: 1.5rem; text-align: center; }
  #drop.over { background: #eef4ff; border-color: #2b5fb3; }
  #verdict { font-size: 1.2rem; font-weight: 600; margin: 1.5rem 0 0.5rem; padding: 0.75rem 1rem; border-radius: 6px; }
  #verdict.ok { background: #e3f4e1; color: #1d5e17; }
  #verdict.bad { background: #fbe4e4; color: #8a1414; }
  #verdict.working { background: #f2f2f2; }
  li { font-family: ui-monospace, monospace; font-size: 0.9rem; word-break: break-all; }
  .note { color: #555; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>Verify this Casebook bundle</h1>
<p>This page checks that every file of this BagIt bag is exactly as it was exported: it recomputes
each file's SHA-256 and compares it with <code>manifest-sha256.txt</code>. It works offline and sends
nothing anywhere.</p>
<div id="drop">
  <p><label for="folder">Choose the bag's folder (the one holding this page):</label></p>
  <input id="folder" type="file" webkitdirectory directory multiple>
  <p class="note">or drop the folder here</p>
</div>
<div id="verdict" role="status" hidden></div>
<ul id="problems"></ul>
<p id="details" class="note"></p>
<script>
"use strict";
const verdict = document.getElementById("verdict");
const problems = document.getElementById("problems");
const details = document.getElementById("details");

function show(kind, text) {
  verdict.hidden = false;
  verdict.className = kind;
  verdict.textContent = text;
}

function problem(text) {
  const item = document.createElement("li");
  item.textContent = text;
  problems.appendChild(item);
}

// RFC 8493: only CR, LF and % are percent-encoded in manifest paths.
function decodePath(path) {
  return path.replace(/%0D/gi, "\\r").replace(/%0A/gi, "\\n").replace(/%25/g, "%");
}

function parseManifest(text) {
  const entries = new Map();
  for (const raw of text.split("\\n")) {
    const line = raw.replace(/\\r$/, "");
    if (line === "") continue;
    const match = /^([0-9a-fA-F]{64})[ \\t]+\\*?(.+)$/.exec(line);
    if (!match) throw new Error("a manifest line is not \\"<sha256> <path>\\": " + line);
    entries.set(decodePath(match[2]), match[1].toLowerCase());
  }
  return entries;
}

async function sha256Of(file) {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The bag's files by their path inside the bag, wherever in the chosen tree the bag sits. */
function bagFiles(files) {
  const manifests = files.filter((f) => /(^|\\/)manifest-sha256\\.txt$/.test(f.path));
  if (manifests.length === 0) return null;
  manifests.sort((a, b) => a.path.split("/").length - b.path.split("/").length);
  const prefix = manifests[0].path.slice(0, manifests[0].path.length - "manifest-sha256.txt".length);
  const inBag = new Map();
  for (const f of files) if (f.path.startsWith(prefix)) inBag.set(f.path.slice(prefix.length), f.file);
  return inBag;
}

async function verify(files) {
  problems.textContent = "";
  details.textContent = "";
  const bag = bagFiles(files);
  if (!bag) {
    show("bad", "No manifest-sha256.txt in what was chosen: choose the bag's folder, the one holding bagit.txt and this page.");
    return;
  }
  if (!bag.has("bagit.txt")) problem("bagit.txt: missing");
  const manifest = parseManifest(await bag.get("manifest-sha256.txt").text());
  let bad = 0;
  let checked = 0;
  let bytes = 0;
  let count = 0;
  for (const [path, file] of bag) {
    if (!path.startsWith("data/")) continue;
    bytes += file.size;
    count += 1;
    if (!manifest.has(path)) {
      bad++;
      problem(path + ": not in the manifest");
    }
  }
  for (const [path, expected] of manifest) {
    const file = bag.get(path);
    checked++;
    show("working", "Checking " + checked + " of " + manifest.size + " files\\u2026");
    if (!file) {
      bad++;
      problem(path + ": missing");
      continue;
    }
    const actual = await sha256Of(file);
    if (actual !== expected) {
      bad++;
      problem(path + ": does not match (SHA-256 " + actual + ", the manifest says " + expected + ")");
    }
  }
  const info = bag.has("bag-info.txt") ? await bag.get("bag-info.txt").text() : "";
  const oxum = /^Payload-Oxum:\\s*(\\d+)\\.(\\d+)\\s*$/m.exec(info);
  if (!oxum) {
    bad++;
    problem("bag-info.txt: no Payload-Oxum");
  } else if (Number(oxum[1]) !== bytes || Number(oxum[2]) !== count) {
    bad++;
    problem("Payload-Oxum: bag-info.txt says " + oxum[1] + " bytes in " + oxum[2] + " files; the folder holds " + bytes + " bytes in " + count + " files");
  }
  const head = /^Casebook-Audit-Head:\\s*(\\S+)/m.exec(info);
  if (head) details.textContent = "Audit head at export: " + head[1];
  if (bad === 0) show("ok", "The bag is intact: all " + manifest.size + " files match the manifest.");
  else show("bad", bad + " problem" + (bad === 1 ? "" : "s") + " found: the bag is not as it was exported.");
}

function run(files) {
  verify(files).catch((error) => show("bad", "The check could not finish: " + error.message));
}

document.getElementById("folder").addEventListener("change", (event) => {
  run(Array.from(event.target.files, (file) => ({ path: file.webkitRelativePath || file.name, file })));
});

async function walk(entry, path, out) {
  if (entry.isFile) {
    out.push({ path: path + entry.name, file: await new Promise((resolve, reject) => entry.file(resolve, reject)) });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, path + entry.name + "/", out);
  }
}

const drop = document.getElementById("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const entries = Array.from(event.dataTransfer.items, (item) => item.webkitGetAsEntry()).filter(Boolean);
  const files = [];
  Promise.all(entries.map((entry) => walk(entry, "", files))).then(() => run(files), (error) => show("bad", "The folder could not be read: " + error.message));
});
</script>
</body>
</html>
`;
