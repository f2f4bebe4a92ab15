// The fields answers are made of, as zod schemas: ids, dates, money in 元, ratios. The record answers
// (src/http/answers.ts) and the report answers next to their builders (src/queries/*, src/excel/*) share them, so
// one kind of figure reads the same everywhere in /openapi.json.
import { z } from 'zod';

export const id = z.int().positive();
export const idOrNull = id.nullable();
export const text = z.string();
export const textOrNull = z.string().nullable();
export const isoDate = z.iso.date();
export const dateOrNull = isoDate.nullable();
/** A count of projects, rows or records. */
export const count = z.int().min(0);
/** Money out: 元 with two decimals, never negative. */
export const yuan = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .meta({ description: '金额（元，两位小数）', examples: ['500000000.00'] });
export const yuanOrNull = yuan.nullable();
export const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .meta({ description: '十进制数字符串' });
/** A ratio, rate or share that cannot be negative: 4 places. */
export const ratio = z
  .string()
  .regex(/^\d+\.\d{4}$/)
  .meta({ description: '比值，4 位小数', examples: ['1.2500'] });
/** A ratio that may fall below zero (IRR, 资产增值率, 超序时进度): 4 places, never "-0.0000". */
export const signedRatio = z
  .string()
  .regex(/^-?\d+\.\d{4}$/)
  .meta({ description: '比值，4 位小数，可为负', examples: ['-0.0512'] });
/** What a ratio is when its denominator is 0 (or its figure cannot be had): null. */
export const ratioOrNull = ratio.nullable().meta({ description: '比值，4 位小数；分母为 0 时为 null' });
export const signedRatioOrNull = signedRatio
  .nullable()
  .meta({ description: '比值，4 位小数，可为负；无法计算时为 null' });
export const version = z.int().positive().meta({ description: '记录版本，与 ETag 相同；PATCH 带 If-Match 时须一致' });
