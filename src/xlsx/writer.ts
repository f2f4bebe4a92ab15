import { Zip } from 'fflate';
import { CREATOR, MAIN_NS, Part, PKG_REL_NS, REL_NS, XML_DECL } from './part';
import { Styles, type CellStyle, type StyleId } from './styles';
import { Sheet, type SheetSpec } from './worksheet';
import { xmlAttr, xmlText } from './xml';

/**
 * touyin's own .xlsx writer. A workbook is written sheet after sheet, row after row, as SpreadsheetML straight into
 * an fflate streaming zip: what is held while a sheet of 200,000 rows is written is the compressed output so far and
 * the XML of the rows not yet deflated (about CHUNK characters), never an object per cell. Strings are inline
 * (`t="inlineStr"`, read by Excel, WPS, LibreOffice and exceljs); styles are interned as they are first asked for and
 * styles.xml is written at the end; [Content_Types].xml comes last, as streaming writers put it. Everything is
 * synchronous (fflate's `Zip` and `ZipDeflate`, not their async variants), so nothing is left pending when a Workers
 * request ends.
 *
 * What touyin's sheets use, and nothing more: column widths and column styles, row heights, merged cells, frozen
 * panes, an autofilter, list validations, cell notes, and the print setup every sheet has (PrintSetup).
 */

// The writer's face: what a workbook's builder names, wherever it is defined.
export type { CellStyle, StyleId } from './styles';
export { columnLetter } from './grid';
export { chineseDate, Sheet } from './worksheet';
export type { CellInput, CellValue, Column, ListValidation, PrintSetup, SheetSpec, StyledCell } from './worksheet';

/**
 * An .xlsx being written. `sheet()` starts a sheet (ending the one before); `bytes()` ends the last, writes the
 * workbook's own parts and answers the archive.
 */
export class Workbook {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly styles = new Styles();
  private readonly sheets: Sheet[] = [];
  private readonly withNotes = new Set<number>();
  private failure: Error | null = null;
  private done = false;

  constructor(private readonly now: Date) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure = err;
      else this.chunks.push(chunk);
    });
  }

  /** The id of a cell style (the same style answers the same id). */
  style(style: CellStyle): StyleId {
    return this.styles.id(style);
  }

  /** Starts the next sheet; the sheet before it ends. */
  sheet(spec: SheetSpec): Sheet {
    if (this.done) throw new Error('the workbook has been written');
    this.endSheet();
    const sheet = new Sheet(this.zip, this.now, this.sheets.length, spec);
    this.sheets.push(sheet);
    return sheet;
  }

  private endSheet() {
    const last = this.sheets.at(-1);
    if (last?.end()) this.withNotes.add(last.index + 1);
  }

  /**
   * Ends the workbook and answers the .xlsx as the compressed pieces the zip wrote, for a response body that hands
   * each one on and lets it go (a province's project list is 25 MB compressed: it is not copied into one buffer).
   */
  stream(): { body: ReadableStream<Uint8Array>; size: number } {
    const chunks = this.finish();
    const size = chunks.reduce((n, c) => n + c.length, 0);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    return { body, size };
  }

  /** Ends the workbook and answers the .xlsx in one buffer. */
  bytes(): Uint8Array<ArrayBuffer> {
    const chunks = this.finish();
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  /** Ends the last sheet, writes the workbook's own parts and the zip's directory; answers the archive's pieces. */
  private finish(): Uint8Array[] {
    if (this.done) throw new Error('the workbook has been written');
    if (this.sheets.length === 0) throw new Error('a workbook needs a sheet');
    this.endSheet();
    this.done = true;
    const part = (name: string, xml: string) => new Part(this.zip, name, this.now).end(xml);
    part('xl/styles.xml', this.styles.xml());
    part('xl/workbook.xml', this.workbookXml());
    part(
      'xl/_rels/workbook.xml.rels',
      `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
        this.sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${this.sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    const iso = this.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    part(
      'docProps/core.xml',
      `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>${xmlText(CREATOR)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
    );
    part(
      'docProps/app.xml',
      `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>${xmlText(CREATOR)}</Application></Properties>`,
    );
    part(
      '_rels/.rels',
      `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    part('[Content_Types].xml', this.contentTypes());
    this.zip.end();
    if (this.failure) throw this.failure;
    return this.chunks.splice(0);
  }

  private workbookXml(): string {
    const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const titles = this.sheets.map((s, i) => {
      const rows = s.spec.print.titleRows ?? 1;
      const [from, to] = typeof rows === 'number' ? [1, rows] : rows;
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoted(s.spec.name)}!$${from}:$${to}`)}</definedName>`;
    });
    return (
      `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="24000" windowHeight="12000" activeTab="0"/></bookViews>' +
      `<sheets>${this.sheets.map((s, i) => `<sheet name="${xmlAttr(s.spec.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
      `<definedNames>${titles.join('')}</definedNames><calcPr calcId="191029"/></workbook>`
    );
  }

  private contentTypes(): string {
    const ct = 'application/vnd.openxmlformats-officedocument';
    const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
    return (
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Default Extension="vml" ContentType="${ct}.vmlDrawing"/>` +
      override('/xl/workbook.xml', `${ct}.spreadsheetml.sheet.main+xml`) +
      this.sheets
        .map((_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, `${ct}.spreadsheetml.worksheet+xml`))
        .join('') +
      [...this.withNotes].map((n) => override(`/xl/comments${n}.xml`, `${ct}.spreadsheetml.comments+xml`)).join('') +
      override('/xl/styles.xml', `${ct}.spreadsheetml.styles+xml`) +
      override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
      override('/docProps/app.xml', `${ct}.extended-properties+xml`) +
      '</Types>'
    );
  }
}
