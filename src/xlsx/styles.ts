// The cell styles of an .xlsx being written: each distinct font, fill, border and number format once, in styles.xml.
import { MAIN_NS, XML_DECL } from './part';
import { xmlAttr } from './xml';

/** A cell style, as interned by Workbook.style(). */
export type StyleId = number & { readonly __style: unique symbol };

/** What a cell looks like. Colours are ARGB ("FFC00000"). */
export interface CellStyle {
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  /** A solid fill. */
  fill?: string;
  /** Thin borders. */
  borderTop?: boolean;
  borderBottom?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  indent?: number;
}

/** Built-in number formats (no numFmt entry needed), by code: Excel and every reader know them by id. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
};

/** The styles a workbook's cells ask for, each distinct font, fill, border, number format and combination once. */
export class Styles {
  private readonly ids = new Map<string, StyleId>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Parts(['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']);
  private readonly fills = new Parts([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Parts(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly formats = new Map<string, number>();

  id(style: CellStyle): StyleId {
    const key = JSON.stringify(style, Object.keys(style).sort());
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xfs.length as StyleId;
      this.xfs.push(this.xf(style));
      this.ids.set(key, id);
    }
    return id;
  }

  private xf(s: CellStyle): string {
    const numFmtId = s.numFmt === undefined ? 0 : (BUILT_IN_FORMATS[s.numFmt] ?? this.format(s.numFmt));
    const font =
      s.bold || s.italic || s.size !== undefined || s.color !== undefined
        ? `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}<sz val="${s.size ?? 11}"/>${s.color ? `<color rgb="${xmlAttr(s.color)}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`
        : null;
    const fontId = font ? this.fonts.id(font) : 0;
    const fillId = s.fill
      ? this.fills.id(`<fill><patternFill patternType="solid"><fgColor rgb="${xmlAttr(s.fill)}"/></patternFill></fill>`)
      : 0;
    const borderId =
      s.borderTop || s.borderBottom
        ? this.borders.id(
            `<border><left/><right/>${s.borderTop ? '<top style="thin"/>' : '<top/>'}${s.borderBottom ? '<bottom style="thin"/>' : '<bottom/>'}<diagonal/></border>`,
          )
        : 0;
    const align = [
      s.horizontal ? ` horizontal="${s.horizontal}"` : '',
      s.vertical ? ` vertical="${s.vertical}"` : '',
      s.wrap ? ' wrapText="1"' : '',
      s.indent ? ` indent="${s.indent}"` : '',
    ].join('');
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    return align ? `${head}><alignment${align}/></xf>` : `${head}/>`;
  }

  private format(code: string): number {
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.formats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`)
      .join('');
    return (
      `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
      (this.formats.size ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      this.fonts.xml('fonts') +
      this.fills.xml('fills') +
      this.borders.xml('borders') +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/>' +
      '</styleSheet>'
    );
  }
}

/** Distinct XML elements of one kind, by index. */
class Parts {
  private readonly index = new Map<string, number>();
  constructor(private readonly items: string[]) {
    items.forEach((x, i) => this.index.set(x, i));
  }
  id(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
  xml(tag: string): string {
    return `<${tag} count="${this.items.length}">${this.items.join('')}</${tag}>`;
  }
}
