/**
 * Errors shaped like the ones office.js raises: `name` is `RichApi.Error`, `code` is one of
 * `Excel.ErrorCodes` / `OfficeExtension.ErrorCodes`, and `debugInfo` repeats code and message.
 */

/** Error codes the emulator raises; the string values are Excel's own. */
export const ErrorCode = {
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  invalidRequestContext: 'InvalidRequestContext',
} as const;

/** One of the codes in {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

const messages: Record<ErrorCodeValue, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The requested operation is invalid.',
  InvalidOperationInCellEditMode:
    'The operation isn’t available while Excel is in Edit cell mode. Exit Edit mode by using the ENTER or TAB keys, or by selecting another cell, and then try again.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ItemAlreadyExists: 'The resource already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  PropertyNotLoaded: '',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-rendering-optimization for more information.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-rendering-optimization for more information.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
};

/** Excel's debug information attached to every error. */
export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

/** The error `context.sync()` rejects with, and that reading an unloaded property throws. */
export class ExcelApiError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: ErrorCodeValue;
  readonly debugInfo: DebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: ExcelApiError | null = null;

  constructor(code: ErrorCodeValue, message?: string, errorLocation?: string) {
    const text = message ?? messages[code];
    super(text);
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message: text } : { code, message: text, errorLocation };
  }
}

/** Builds the error Excel throws for a scalar property read before `load` + `sync`. */
export function propertyNotLoaded(property: string, location: string): ExcelApiError {
  return new ExcelApiError(
    ErrorCode.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${location}.${property}`,
  );
}

/** Shorthand for `new ExcelApiError(code, undefined, location)`. */
export function apiError(code: ErrorCodeValue, location?: string, message?: string): ExcelApiError {
  return new ExcelApiError(code, message, location);
}
