/**
 * Which Excel JavaScript API requirement sets the host has, asked through
 * `Office.context.requirements.isSetSupported('ExcelApi', version)` (Microsoft, "Excel JavaScript
 * API requirement sets"). Without an `Office` global — the Excel emulator in tests and the
 * playground, which has every API Samplan uses — the answer is yes.
 */

interface OfficeRequirements {
  context?: { requirements?: { isSetSupported?(name: string, minVersion?: string): boolean } };
}

/** Whether the host supports requirement set `ExcelApi` at `version` (`'1.14'`); see the file comment. */
export function excelApiSupported(version: string): boolean {
  const office = (globalThis as { Office?: OfficeRequirements }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  if (!check) return office === undefined;
  return check.call(office.context?.requirements, 'ExcelApi', version) === true;
}
