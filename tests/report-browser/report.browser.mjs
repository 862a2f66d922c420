// The coverage report in headless Chromium, read through the DOM as a person sees it: the
// seeds' conflict on people living in Aleppo highlighted with every outlet's figure, the actors
// with each outlet's mentions, the notes and verdicts, the links to the articles, and nothing
// fetched from the network. Run by run.sh (REPORT = the page, SHOTS = where screenshots go).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const page_url = 'file://' + process.env.REPORT;
let browser, page;
const requests = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(page_url, { waitUntil: 'load', timeout: 20000 });
});

after(async () => {
  await browser?.close();
});

test('the page fetches nothing but itself', () => {
  assert.deepEqual(requests.filter((u) => u !== page_url), []);
});

test('the conflict comes first, highlighted, with every outlet\'s figure side by side', async () => {
  const row = page.locator('#quantities tbody tr').first();
  assert.equal(await row.getAttribute('data-key'), 'people:living:aleppo');
  assert.match(await row.getAttribute('class'), /figure-conflict/);
  const cells = await row.locator('td[data-outlet]').evaluateAll((tds) =>
    Object.fromEntries(tds.map((td) => [td.dataset.outlet, [...td.querySelectorAll('a.fig')].map((a) => a.textContent)])));
  assert.deepEqual(cells['USPA News'], ['275,000']);
  assert.deepEqual(cells['World Media'], ['an estimated 250,000']);
  assert.deepEqual(cells['001'], ['250,000']);
  // the contradicting figure is marked, and drawn in red on the timeline
  const conflict = row.locator('a.fig.figure-conflict');
  assert.equal(await conflict.count(), 3);
  const background = await row.locator('td[data-outlet="USPA News"] a.fig').evaluate((a) => getComputedStyle(a).backgroundColor);
  assert.equal(background, 'rgb(198, 40, 40)');
  assert.equal(await row.locator('svg.timeline circle[fill="#c62828"]').count(), 3);
  // links to the article and line
  const href = await row.locator('td[data-outlet="USPA News"] a.fig').getAttribute('href');
  assert.match(href, /^file:\/\/\/.*002_142ef9cbeb2672f9\.txt#L17$/);
  // the verdicts on it
  const verdicts = await row.locator('th .badge').allTextContents();
  assert.deepEqual(verdicts, ['misleading', 'disputed']);
});

test('actors are rows: who each outlet names, how often, how', async () => {
  const lavrov = page.locator('#actors tbody tr', { hasText: 'Lavrov' }).first();
  const mentions = await lavrov.locator('td[data-outlet]').evaluateAll((tds) =>
    Object.fromEntries(tds.map((td) => [td.dataset.outlet, Number(td.dataset.mentions)])));
  assert.equal(Object.keys(mentions).length, 5);
  assert.ok(Object.values(mentions).filter((n) => n > 0).length >= 4, JSON.stringify(mentions));
  const uspa = await lavrov.locator('td[data-outlet="USPA News"]').textContent();
  assert.match(uspa, /Sergei Lavrov \(1\)/);
  // each spelling links to where the outlet first writes it
  const spelling = lavrov.locator('td[data-outlet="USPA News"] .spell a', { hasText: 'Sergei Lavrov' });
  assert.match(await spelling.getAttribute('href'), /002_142ef9cbeb2672f9\.txt#L11$/);
  const kerry = page.locator('#actors tbody tr', { hasText: 'John Kerry' }).first();
  assert.match(await kerry.locator('td[data-outlet="USPA News"] .roles').textContent(), /Secretary of State/);
});

test('notes and verdicts are listed, each with where it applies', async () => {
  const notes = page.locator('#notes .note');
  assert.equal(await notes.count(), 3);
  const first = notes.first();
  assert.match(await first.locator('h3').textContent(), /Note 1\s*misleading/);
  assert.match(await first.textContent(), /by A\. Checker, 2016-10-21/);
  assert.equal(await first.locator('.meta a').first().textContent(), '002:17');
});

test('a screenshot of what a reader sees', async () => {
  const dir = process.env.SHOTS;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/report.png`, clip: { x: 0, y: 0, width: 1400, height: 900 } });
});
