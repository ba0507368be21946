/**
 * Installs an emulated host as the global `Excel` (and `OfficeExtension`), so code written
 * against `@types/office-js` that calls `Excel.run` runs unchanged on the emulator.
 */
import { ErrorCode, ExcelApiError } from './errors.js';
import type { ExcelHost } from './host.js';

/** The enums an add-in reads from the `Excel` namespace, with Excel's string values. */
export const ExcelEnums = {
  EventSource: { local: 'Local', remote: 'Remote' },
  EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
  DataChangeType: {
    unknown: 'Unknown', rangeEdited: 'RangeEdited', rowInserted: 'RowInserted', rowDeleted: 'RowDeleted',
    columnInserted: 'ColumnInserted', columnDeleted: 'ColumnDeleted', cellInserted: 'CellInserted', cellDeleted: 'CellDeleted',
  },
  EventType: { worksheetChanged: 'WorksheetChanged', tableChanged: 'TableChanged', worksheetSelectionChanged: 'WorksheetSelectionChanged', tableSelectionChanged: 'TableSelectionChanged' },
  ErrorCodes: {
    accessDenied: ErrorCode.accessDenied, generalException: ErrorCode.generalException, invalidArgument: ErrorCode.invalidArgument,
    invalidOperation: ErrorCode.invalidOperation, invalidOperationInCellEditMode: ErrorCode.invalidOperationInCellEditMode,
    invalidReference: ErrorCode.invalidReference, itemAlreadyExists: ErrorCode.itemAlreadyExists, itemNotFound: ErrorCode.itemNotFound,
    requestPayloadSizeLimitExceeded: ErrorCode.requestPayloadSizeLimitExceeded, responsePayloadSizeLimitExceeded: ErrorCode.responsePayloadSizeLimitExceeded,
  },
  ConditionalFormatType: { custom: 'Custom', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', cellValue: 'CellValue' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  DeleteShiftDirection: { up: 'Up', left: 'Left' },
  InsertShiftDirection: { down: 'Down', right: 'Right' },
  ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
  SpecialCellType: { formulas: 'Formulas' },
  RangeValueType: { unknown: 'Unknown', empty: 'Empty', string: 'String', integer: 'Integer', double: 'Double', boolean: 'Boolean', error: 'Error', richValue: 'RichValue' },
  DataValidationType: { none: 'None', list: 'List', custom: 'Custom' },
} as const;

/** `OfficeExtension` as far as add-in code uses it: the error class and its codes. */
export const OfficeExtensionShim = {
  Error: ExcelApiError,
  ErrorCodes: {
    accessDenied: ErrorCode.accessDenied, generalException: ErrorCode.generalException, invalidArgument: ErrorCode.invalidArgument,
    propertyNotLoaded: ErrorCode.propertyNotLoaded, valueNotLoaded: ErrorCode.valueNotLoaded, invalidRequestContext: ErrorCode.invalidRequestContext,
  },
};

/** Undoes {@link installExcelGlobal}. */
export interface Installation {
  uninstall(): void;
}

type Globals = Record<string, unknown>;

/** Sets `globalThis.Excel` (run + enums) and `globalThis.OfficeExtension`; `uninstall` restores them. */
export function installExcelGlobal(host: ExcelHost): Installation {
  const g = globalThis as unknown as Globals;
  const previous = { Excel: g['Excel'], OfficeExtension: g['OfficeExtension'] };
  g['Excel'] = { ...ExcelEnums, run: <T>(first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>), second?: (context: Excel.RequestContext) => Promise<T>) =>
      typeof first === 'function' ? host.run(first) : host.run(first, second ?? (() => Promise.reject(new Error('Excel.run needs a batch function')))),
  };
  g['OfficeExtension'] = OfficeExtensionShim;
  return {
    uninstall: () => {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete g[key];
        else g[key] = value;
      }
    },
  };
}
