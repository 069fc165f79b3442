import { desk } from './en/desk';
import { fields } from './en/fields';
import { errors } from './en/errors';
import { policy } from './en/policy';
import { review } from './en/review';
import { archive } from './en/archive';
import { stats } from './en/stats';
import { team } from './en/team';
import { layout } from './en/layout';
import { workspace } from './en/workspace';
import { refusals } from './en/refusals';
import { teamLink } from './en/teamLink';
import { board } from './en/board';
import { teamSignOff } from './en/teamSignOff';
import { phoneKpis } from './en/phoneKpis';
import { telephony } from './en/telephony';
import { phoneEvents } from './en/phoneEvents';

/**
 * English dictionary: every string the renderer shows, one file per part of the app (./en/).
 * Button names are fixed by the spec (tests find them).
 */
export const en = { ...desk, ...fields, ...errors, ...policy, ...review, ...archive, ...stats, ...team, ...layout, ...workspace, ...refusals, ...teamLink, ...board, ...teamSignOff, ...phoneKpis, ...telephony, ...phoneEvents } as const;

export type MessageKey = keyof typeof en;
