// The meetings domain (issue 13): every exported function takes the actor first and checks access itself.
export { createMeeting, addAgendaItem, setCoverSheet, issuePack, markMeetingHeld, recordAttendance, recordDeclaration, setMeetingQuorumPolicy } from "./write";
export { getMeeting, listMeetings, listMeetingsForDecision, nextMeetingFor, listRecordedPositionNotes, listMeetingTrusts, getMeetingQuorumSetting, meetingTitle, type MeetingView, type MeetingListItem, type AgendaItemView } from "./read";
export { recordResolution, type ResolutionResult } from "./resolution";
export * from "./schemas";
export { evaluateMeetingQuorum, DEFAULT_MEETING_QUORUM, type MeetingQuorum, type MeetingQuorumPolicy } from "./quorum";
export { draftMinutes, draftMinutesFrom, minutesAsText, minutesDocx, markMinuted, MAX_MINUTES_BYTES, type MinutesDraft } from "./minutes";
export { buildBoardPack } from "./pack";
