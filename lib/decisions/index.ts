import "server-only";
// The decisions domain: every exported function takes the actor first and checks access itself.
export { createDecision, updateDecision, submitDecision, withdrawDecision, writePermissions, type WriteResult, type StaleDetails } from "./write";
export { getDecision, getDecisionVersion, diffVersions, listDecisionTimeline, listDecisionFormOptions, listCurrentCriteria, type DecisionDto, type TimelineEvent } from "./read";
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
