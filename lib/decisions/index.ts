import "server-only";
// The decisions domain: every exported function takes the actor first and checks access itself.
export { createDecision, createDecisionInTx, submitDecisionInTx, type OnBehalfOf, updateDecision, submitDecision, withdrawDecision, writePermissions, type WriteResult, type StaleDetails } from "./write";
export { getDecision, getDecisionVersion, previewAppetiteCheck, diffVersions, listDecisionTimeline, listDecisionFormOptions, listCurrentCriteria, type DecisionDto, type TimelineEvent } from "./read";
export { listRegister, listRegisterAuthors, type RegisterPage, type RegisterRow } from "./register";
export { addComment, listComments, type CommentDto } from "./comments";
export {
  DecisionInputSchema,
  CreateDecisionSchema,
  UpdateDecisionSchema,
  SubmitDecisionSchema,
  WithdrawDecisionSchema,
  AddCommentSchema,
  CriterionInputSchema,
  OrganisationLinkInputSchema,
  submitProblems,
  type DecisionInput,
  type CreateDecisionInput,
} from "./schemas";
export { RegisterFiltersSchema, registerFiltersFromSearchParams, registerHref, type RegisterFilters } from "./register-filters";
export { listDecisionsPage, registerWhere, type DecisionListItem, type ListFilters } from "./list-page";
export { streamRegisterExportRows, listRegisterExportRows } from "./export-rows";
export { checkImport, importDecisions, mayImport, MAX_IMPORT_BYTES, type ImportCheck, type ImportResult } from "./import";
export { getImportMapping, listImportMappings, previewImportFile, saveImportMapping, type ImportFile, type ImportPreview } from "./import-file";
export { getImportedSignOff } from "./import-history";
