import { afterEach, describe, expect, it } from 'vitest';
import { checkExportArguments, checkReportArguments } from '../../server/cli-check.js';
import { CliError } from '../../server/cli-args.js';

/**
 * `samplan export --out plan.xlsx` without `--format` wrote CSV text into a file named `.xlsx`
 * (Excel then calls the workbook broken), while the command's own advice names `plan.xlsx`. The
 * format is `--format`, else the one `--out`'s extension names, else CSV; the two naming different
 * formats is refused before anything is read or written.
 */
describe('samplan export: the format of the file written', () => {
  const own = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  /** Standard output as a terminal (`isTTY` true) or a pipe or file. */
  const terminal = (isTTY: boolean) => Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true, writable: true });
  afterEach(() => {
    if (own) Object.defineProperty(process.stdout, 'isTTY', own);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  });
  const db = '/nonexistent/samplan-export-format.db';
  const format = (flags: Record<string, string>) => checkExportArguments(['ws', 'plan'], flags, db).format;

  it("takes the format --out's extension names when --format is left out", () => {
    expect(format({ out: '/tmp/exports/plan.xlsx' })).toBe('xlsx');
    expect(format({ out: '/tmp/exports/Plan.XLSX' })).toBe('xlsx');
    expect(format({ out: '/tmp/exports/plan.json' })).toBe('json');
    expect(format({ out: '/tmp/exports/plan.csv' })).toBe('csv');
    expect(format({ out: '/tmp/exports/plan.ods' })).toBe('ods');
    expect(format({ out: '/tmp/exports/Plan.ODS', format: 'ods' })).toBe('ods');
  });

  it('writes CSV to standard output and to a file whose extension names no format', () => {
    expect(format({})).toBe('csv');
    expect(format({ out: '/tmp/exports/plan.txt' })).toBe('csv');
    expect(format({ out: '/tmp/exports/plan' })).toBe('csv');
    expect(format({ format: 'json' })).toBe('json');
  });

  it('refuses a --format that contradicts the extension of --out, in words, as an argument error', () => {
    const run = () => checkExportArguments(['ws', 'plan'], { format: 'csv', out: '/tmp/exports/plan.xlsx', lang: 'en' }, db);
    expect(run).toThrow(CliError);
    expect(run).toThrow('--format csv and --out "/tmp/exports/plan.xlsx" name different formats: the file would be named .xlsx but hold csv. Give the file the extension .csv, or leave out --format.');
    expect(format({ format: 'xlsx', out: '/tmp/exports/plan.xlsx' })).toBe('xlsx');
  });

  it("refuses an --out named for a table format export does not write (.fods, .xls, .tsv), and --sep for a file that is no CSV", () => {
    for (const name of ['plan.fods', 'plan.xls', 'Plan.TSV']) {
      expect(() => format({ out: `/tmp/exports/${name}`, lang: 'en' })).toThrow(CliError);
      expect(() => format({ out: `/tmp/exports/${name}`, format: 'csv', lang: 'en' })).toThrow(`export does not write .${name.split('.')[1]!.toLowerCase()}, only .json, .csv, .xlsx, .ods`);
    }
    expect(() => format({ out: '/tmp/exports/plan.xls' })).toThrow(expect.objectContaining({ sv: expect.stringContaining('export skriver inte .xls') }));
    expect(() => format({ out: '/tmp/exports/plan.ods', format: 'csv', lang: 'en' })).toThrow('--format csv and --out "/tmp/exports/plan.ods" name different formats');
    expect(() => format({ out: '/tmp/exports/plan.ods', sep: ';', lang: 'en' })).toThrow('--sep applies to CSV only; an ODS file has no fields to separate. Leave out --sep.');
    expect(() => format({ out: '/tmp/exports/plan.xlsx', sep: ';', lang: 'en' })).toThrow('--sep applies to CSV only; an XLSX file has no fields to separate. Leave out --sep.');
    expect(() => format({ out: '/tmp/exports/plan.json', sep: ';', lang: 'en' })).toThrow('--sep applies to CSV only; a JSON file has no fields to separate. Leave out --sep.');
    expect(() => format({ out: '/tmp/exports/plan.ods', sep: ';' })).toThrow(expect.objectContaining({ sv: '--sep gäller bara CSV; en ODS-fil har inga fält att skilja. Utelämna --sep.' }));
    expect(checkExportArguments(['ws', 'plan'], { out: '/tmp/exports/plan.csv', sep: ';' }, db).semicolon).toBe(true);
  });

  it('refuses a workbook to a terminal in words, and writes one to a pipe or a redirected file', () => {
    terminal(true);
    expect(() => checkExportArguments(['ws', 'plan'], { format: 'xlsx', lang: 'en' }, db)).toThrow(
      '--format xlsx writes a workbook, which a terminal cannot show: name the file with --out, e.g. --out plan.xlsx, or redirect the output to a file (> plan.xlsx).',
    );
    expect(() => checkExportArguments(['ws', 'plan'], { format: 'ods', lang: 'en' }, db)).toThrow('--format ods writes a workbook, which a terminal cannot show: name the file with --out, e.g. --out plan.ods');
    expect(format({ format: 'csv' })).toBe('csv');
    expect(format({ format: 'xlsx', out: '/tmp/exports/plan.xlsx' })).toBe('xlsx');
    terminal(false);
    expect(format({ format: 'xlsx' })).toBe('xlsx');
  });
});

/** `samplan report --out report.pdf` wrote HTML into a file named `.pdf`, which no PDF reader opens. */
describe('samplan report: the format of the file written', () => {
  const db = '/nonexistent/samplan-report-format.db';
  const report = (flags: Record<string, string>) => () => checkReportArguments(['ws', 'round'], { lang: 'en', ...flags }, db);

  it('refuses an --out named .pdf and a --pdf named .html, naming the other option', () => {
    expect(report({ out: '/tmp/reports/styrgrupp.pdf' })).toThrow('--out writes the report as HTML, not PDF: write --pdf "/tmp/reports/styrgrupp.pdf" for a PDF, or give the file the extension .html.');
    expect(report({ pdf: '/tmp/reports/styrgrupp.HTML' })).toThrow('--pdf writes the report as PDF, not HTML: write --out "/tmp/reports/styrgrupp.HTML" for HTML, or give the file the extension .pdf.');
  });

  it('takes an --out named .html and a --pdf named .pdf', () => {
    expect(report({ out: '/tmp/reports/styrgrupp.html', pdf: '/tmp/reports/styrgrupp.pdf' })()).toMatchObject({ out: '/tmp/reports/styrgrupp.html', pdf: '/tmp/reports/styrgrupp.pdf' });
  });
});
