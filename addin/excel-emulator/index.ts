/**
 * The Excel emulator: a faithful subset of the Excel JavaScript API with its proxy semantics,
 * for tests (Node) and the browser playground.
 *
 * @example
 * const host = createWorkbook({ sheets: ['Plan'] });
 * const installed = installExcelGlobal(host);  // code calling Excel.run now runs here
 * await bindSomething();                         // registers onChanged handlers through Excel.run
 * host.user.type('Plan', 'B3', 'Hälsodag');      // a person edits a cell
 * await host.settle();                           // the handlers (and their syncs) have run
 * expect(host.syncCount).toBe(2);
 * installed.uninstall();
 */
export { createWorkbook, ExcelHost, EmulatedContext, type TableSnapshot, type WorkbookOptions } from './host.js';
export { installExcelGlobal, ExcelEnums, OfficeExtensionShim, type Installation } from './install.js';
export { HOST_PROFILES, type HostLimits, type HostProfile, type SyncSize } from './host-limits.js';
export { ExcelApiError, ErrorCode, type ErrorCodeValue } from './errors.js';
export { UserSimulation, UserEditRefused } from './user-simulation.js';
export { WorkbookModel, type ValueWrite } from './workbook-model.js';
export { SheetModel, type Cell } from './sheet-model.js';
export { formatAddress, formatLocal, parseAddress, columnLetters, type Rect } from './address.js';
export { editText, formatText, type Scalar } from './cell-values.js';
export { BOOLEAN_WORDS, type ExcelLocale } from './locale.js';
export { CustomFunctionsRuntime, type EmulatedInvocation } from './custom-functions.js';
export { viewGrid, type CellView, type GridView } from './grid-view.js';
