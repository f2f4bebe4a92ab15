// What a client sends about a project's owners (专人对接/包挂, SPEC §9): who, in which duty, from when; and when one leaves.
import { z } from 'zod';
import { ownerDuties } from '../domain/vocabulary';
import { id, isoDate } from '../validation';

export const ownerBody = z.strictObject({
  userId: id,
  duty: z.enum(ownerDuties, { error: 'duty 应为 liaison（对接人）、leader（包挂领导）或 member（专班成员）' }),
  from: isoDate.optional().meta({ description: '起始日期，默认今天（中国日期）' }),
});

export const ownerEndBody = z
  .strictObject({ to: isoDate.optional().meta({ description: '卸任日期，默认今天（中国日期）' }) })
  .default({});

export const ownerParams = z.object({ id, ownerId: id });
