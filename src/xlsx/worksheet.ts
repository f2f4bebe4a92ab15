// One worksheet of an .xlsx being written (see writer.ts): its rows, and what Excel keeps after them (merges, list
// validations, the autofilter, notes, the print setup).
import type { Zip } from 'fflate';
import { CREATOR, MAIN_NS, Part, PKG_REL_NS, REL_NS, XML_DECL } from './part';
import { columnLetter } from './grid';
import type { StyleId } from './styles';
import { xmlAttr, xmlText } from './xml';

/** A value a cell holds: text, a number, a boolean, a date (a calendar day at UTC midnight), or nothing. */
export type CellValue = string | number | boolean | Date | null | undefined;
/** A value with a style from Workbook.style(). */
export interface StyledCell {
  v: CellValue;
  s: StyleId;
}
export type CellInput = CellValue | StyledCell;

export interface Column {
  width: number;
  /** The style of the column's empty cells (what a user types there later takes it): a date or money format. */
  style?: StyleId;
}

/**
 * How a sheet prints: A4 landscape, scaled to one page wide (as many pages tall as it takes), centred, the title rows
 * repeated on every page, the title in the header and the as-of date and page numbers in the footer.
 */
export interface PrintSetup {
  title: string;
  asOf: string;
  /** The rows repeated on every page: the first n, or from–to. Default 1. */
  titleRows?: number | readonly [number, number];
}

export interface SheetSpec {
  name: string;
  columns: Column[];
  /** Rows above and columns left of the scrolling part. */
  frozen?: { rows?: number; columns?: number };
  print: PrintSetup;
}

export interface ListValidation {
  /** The choices, shown as a drop-down. */
  list: string[];
  /** The title of the message shown for anything else (a warning: the value may still be kept). */
  errorTitle?: string;
  error: string;
}

export const cellRef = (row: number, column: number) => `${columnLetter(column)}${row}`;
export const rangeRef = (r1: number, c1: number, r2: number, c2: number) => `${cellRef(r1, c1)}:${cellRef(r2, c2)}`;

/** A Date (a calendar day at UTC midnight, as touyin's exports and exceljs hold them) as Excel's 1900 serial day. */
export const excelSerial = (d: Date) => d.getTime() / 86_400_000 + 25569;

const headerFooterText = (s: string) => s.replace(/&/g, '&&');

/** "2026-10-31" → "2026年10月31日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** One worksheet being written: rows go straight into the archive; what follows the rows is kept until it ends. */
export class Sheet {
  private last = 0;
  private readonly merges: string[] = [];
  private readonly validations: string[] = [];
  private readonly notes: { ref: string; row: number; column: number; text: string }[] = [];
  private filter: string | null = null;
  private ended = false;

  private readonly part: Part;

  constructor(
    private readonly zip: Zip,
    private readonly mtime: Date,
    readonly index: number,
    readonly spec: SheetSpec,
  ) {
    const part = (this.part = new Part(zip, `xl/worksheets/sheet${index + 1}.xml`, mtime));
    const { rows = 0, columns = 0 } = spec.frozen ?? {};
    let pane = '';
    if (rows || columns) {
      const topLeft = cellRef(rows + 1, columns + 1);
      const active = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
      pane =
        `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
        `<selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
    }
    const cols = spec.columns
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.style ? ` style="${c.style}"` : ''}/>`,
      )
      .join('');
    part.write(
      `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
        `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (cols ? `<cols>${cols}</cols>` : '') +
        '<sheetData>',
    );
  }

  /** The number of the last row written (0 before any). */
  get rowCount(): number {
    return this.last;
  }

  /**
   * Writes a row: the next one, or row `at` (after the last written), and answers its number. A cell that is null
   * or undefined without a style is left out; with a style it is an empty cell in that style.
   */
  row(cells: readonly CellInput[], opts: { at?: number; height?: number } = {}): number {
    if (this.ended) throw new Error(`sheet ${this.spec.name} has ended`);
    const r = opts.at ?? this.last + 1;
    if (r <= this.last) throw new Error(`sheet ${this.spec.name}: row ${r} is not after row ${this.last}`);
    this.last = r;
    let xml = opts.height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${opts.height}" customHeight="1">`;
    for (let i = 0; i < cells.length; i++) {
      const input = cells[i];
      let v: CellValue;
      let s: StyleId | undefined;
      if (input !== null && typeof input === 'object' && !(input instanceof Date)) {
        v = input.v;
        s = input.s;
      } else v = input;
      const ref = columnLetter(i + 1) + r;
      const sAttr = s ? ` s="${s}"` : '';
      if (v === null || v === undefined) {
        if (s) xml += `<c r="${ref}"${sAttr}/>`;
      } else if (typeof v === 'string') {
        const text = xmlText(v);
        const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
      } else if (typeof v === 'number') {
        xml += Number.isFinite(v)
          ? `<c r="${ref}"${sAttr}><v>${Object.is(v, -0) ? 0 : v}</v></c>`
          : s
            ? `<c r="${ref}"${sAttr}/>`
            : '';
      } else if (typeof v === 'boolean') {
        xml += `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
      } else {
        const serial = excelSerial(v);
        xml += Number.isFinite(serial)
          ? `<c r="${ref}"${sAttr}><v>${serial}</v></c>`
          : s
            ? `<c r="${ref}"${sAttr}/>`
            : '';
      }
    }
    this.part.write(`${xml}</row>`);
    return r;
  }

  /** Merges the cells r1:c1 to r2:c2 (the value is the top-left cell's). */
  merge(r1: number, c1: number, r2: number, c2: number) {
    this.merges.push(rangeRef(r1, c1, r2, c2));
  }

  /** A note (comment) on a cell, shown when the pointer rests on it. */
  note(row: number, column: number, text: string) {
    this.notes.push({ ref: cellRef(row, column), row, column, text });
  }

  /** A drop-down list on a range such as "E2:E2001". */
  validate(range: string, v: ListValidation) {
    const formula = `"${v.list.join(',')}"`;
    this.validations.push(
      `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1"${v.errorTitle ? ` errorTitle="${xmlAttr(v.errorTitle)}"` : ''} error="${xmlAttr(v.error)}" sqref="${range}">` +
        `<formula1>${xmlText(formula)}</formula1></dataValidation>`,
    );
  }

  /** Filter buttons on the header row r1 over the rows to r2. */
  autoFilter(r1: number, c1: number, r2: number, c2: number) {
    this.filter = rangeRef(r1, c1, Math.max(r1, r2), c2);
  }

  /** Closes the sheet's XML, and writes its notes; answers whether it has any. Workbook calls it. */
  end(): boolean {
    if (this.ended) return this.notes.length > 0;
    this.ended = true;
    const p = this.spec.print;
    const header = `&C${headerFooterText(p.title)}`;
    const footer = `&L截至 ${chineseDate(p.asOf)}&R第 &P 页，共 &N 页`;
    this.part.end(
      '</sheetData>' +
        (this.filter ? `<autoFilter ref="${this.filter}"/>` : '') +
        (this.merges.length
          ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
          : '') +
        (this.validations.length
          ? `<dataValidations count="${this.validations.length}">${this.validations.join('')}</dataValidations>`
          : '') +
        '<printOptions horizontalCentered="1"/>' +
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
        `<headerFooter><oddHeader>${xmlText(header)}</oddHeader><oddFooter>${xmlText(footer)}</oddFooter></headerFooter>` +
        (this.notes.length ? '<legacyDrawing r:id="rId2"/>' : '') +
        '</worksheet>',
    );
    if (this.notes.length) this.writeNotes();
    return this.notes.length > 0;
  }

  /** The notes as Excel keeps them: a comments part, and a VML drawing of the boxes that show them. */
  private writeNotes() {
    const { zip, mtime } = this;
    const n = this.index + 1;
    const rels = new Part(zip, `xl/worksheets/_rels/sheet${n}.xml.rels`, mtime);
    rels.end(
      `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments${n}.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/>` +
        '</Relationships>',
    );
    const comments = new Part(zip, `xl/comments${n}.xml`, mtime);
    comments.write(
      `${XML_DECL}<comments xmlns="${MAIN_NS}"><authors><author>${xmlText(CREATOR)}</author></authors><commentList>`,
    );
    for (const note of this.notes) {
      comments.write(
        `<comment ref="${note.ref}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>` +
          `<t xml:space="preserve">${xmlText(note.text)}</t></r></text></comment>`,
      );
    }
    comments.end('</commentList></comments>');
    const vml = new Part(zip, `xl/drawings/vmlDrawing${n}.vml`, mtime);
    vml.write(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${n}"/></o:shapelayout>` +
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>',
    );
    this.notes.forEach((note, i) => {
      const r = note.row - 1;
      const c = note.column - 1;
      vml.write(
        `<v:shape id="_x0000_s${n * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:90pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
          '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
          '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
          `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 2, ${c + 4}, 15, ${r + 6}, 4</x:Anchor>` +
          `<x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`,
      );
    });
    vml.end('</xml>');
  }
}
