// The answers the OpenAPI document names as components, read by the document alone (components.ts, document.ts): the
// records of src/http/answers.ts and the reports' and imports' schemas, which sit next to their builders (each
// builder's return type is the schema's type, so a field added to one and not the other fails `tsc`).
// test/openapi.test.ts checks real answers against them. Gathered here, not in http/answers.ts, so that the read model
// and the imports, which type their mappers from http/answers.ts, are not imported back by it.
import { z } from 'zod';
import { nodeAnswer, recordAnswers } from '../http/answers';
import { requestAnswers } from '../http/request-answers';
import { settingsAnswer } from '../queries/settings';
import { alertListAnswer } from '../queries/alerts';
import { assessmentAnswer, bulletinAnswer } from '../queries/assessment';
import { chainMapAnswer } from '../queries/chains';
import { dispatchAnswer } from '../queries/dispatch';
import { performanceAnswer } from '../queries/performance';
import { pipelineAnswer } from '../queries/pipeline';
import { fundsReportAnswer, metricsAnswer } from '../queries/funds';
import { unitsReportAnswer } from '../queries/units';
import { serviceReportAnswer } from '../queries/service';
import { importRefusedAnswer } from '../excel/imports';
import { projectImportAnswer } from '../excel/project-import';
import { fundFlowImportAnswer } from '../excel/fund-flow-import';
import { activityImportAnswer } from '../excel/activity-import';
import { nodePlanAnswer } from '../queries/nodes';
import { nodeImportAnswer } from '../excel/node-import';
import { myWorkAnswer } from '../queries/work';
import { companyMergeAnswer } from '../records/company-merge';

/** The named answers, as OpenAPI components: the document refers to them by these names. */
export const answers = {
  ...recordAnswers,
  ...requestAnswers,
  Settings: settingsAnswer,
  Metrics: metricsAnswer,
  FundsReport: fundsReportAnswer,
  UnitsReport: unitsReportAnswer,
  ServiceReport: serviceReportAnswer,
  AlertList: alertListAnswer,
  Dispatch: dispatchAnswer,
  Pipeline: pipelineAnswer,
  ChainMap: chainMapAnswer,
  Assessment: assessmentAnswer,
  Bulletin: bulletinAnswer,
  FundPerformance: performanceAnswer,
  ProjectImport: projectImportAnswer,
  FundFlowImport: fundFlowImportAnswer,
  ActivityImport: activityImportAnswer,
  ImportRefused: importRefusedAnswer,
  NodePlan: nodePlanAnswer,
  CompanyMerge: companyMergeAnswer,
  NodesCreated: z.union([nodeAnswer, nodePlanAnswer]),
  MyWork: myWorkAnswer,
  NodeImport: nodeImportAnswer,
} satisfies Record<string, z.ZodType>;
export type AnswerName = keyof typeof answers;
export type Answer<N extends AnswerName> = z.input<(typeof answers)[N]>;
