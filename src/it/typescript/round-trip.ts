// The round trip a TypeScript client developer makes, through the typescript-fetch client generated from the
// service's OpenAPI document (./client, copied in by SdkRoundTripIT) and nothing else. Exits non-zero on the first
// difference from what the contract promises.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  ACSCodesApi,
  BatchOptionsProcessingModeEnum,
  BatchOptionsToJSON,
  BatchesApi,
  Configuration,
  CreatedBatchStatusEnum,
  ProblemCodeEnum,
  ProblemFromJSON,
  ReportsApi,
  ResponseError,
} from "./client";

function expect(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`expected ${what}`);
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

async function main(): Promise<void> {
  const configuration = new Configuration({
    basePath: required("DEBRIEF_URL"),
    accessToken: required("DEBRIEF_TOKEN"),
  });
  const batches = new BatchesApi(configuration);
  const paths = required("DEBRIEF_REPORTS").split(":");
  const names = required("DEBRIEF_NAMES").split("|");
  const files: File[] = paths.map(
    (path) => new File([readFileSync(path)], basename(path), { type: "application/pdf" }),
  );

  const created = await batches.createBatch({
    files,
    options: JSON.stringify(
      BatchOptionsToJSON({ processingMode: BatchOptionsProcessingModeEnum.Parallel, generateSummary: true }),
    ),
  });
  expect(created.status === CreatedBatchStatusEnum.Completed, `a completed batch, got ${created.status}`);
  const createdNames = (created.reports ?? []).map((report) => report.metadata?.name);
  expect(JSON.stringify(createdNames) === JSON.stringify(names), `the reports in upload order, got ${createdNames}`);
  const batchId = created.batchId;

  const read = await batches.getBatch({ batchId });
  expect(read.files.length === 3, "three files");

  const first = await batches.listBatchReports({ batchId, page: 1, limit: 2 });
  const second = await batches.listBatchReports({ batchId, page: 2, limit: 2 });
  expect(first.total === 3 && first.reports.length === 2 && second.reports.length === 1, "pages of 2 and 1 of 3");

  const summary = await batches.getBatchSummary({ batchId });
  expect(summary.successfulFiles === 3, "a summary of three reports");

  const reportId = first.reports[0].reportId;
  if (!reportId) {
    throw new Error("expected the first report to have an id");
  }
  const report = await new ReportsApi(configuration).getReport({ reportId });
  expect(report.metadata?.name === names[0], "the first report's student");
  expect(report.metadata?.examDate instanceof Date, "the exam date as a Date");

  const code = await new ACSCodesApi(configuration).getAcsCode({ code: "PA.I.B.K1" });
  expect(typeof code.description === "string" && code.description.length > 0, "the code's description");

  await batches.deleteBatch({ batchId });

  try {
    await batches.getBatch({ batchId });
    throw new Error("expected the deleted batch to be gone");
  } catch (error) {
    expect(error instanceof ResponseError, `a ResponseError, got ${error}`);
    const response = (error as ResponseError).response;
    expect(response.status === 404, `404, got ${response.status}`);
    const problem = ProblemFromJSON(await response.json());
    expect(problem.code === ProblemCodeEnum.BatchNotFound, `BATCH_NOT_FOUND, got ${problem.code}`);
  }
  console.log(`round trip complete: batch ${batchId}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
