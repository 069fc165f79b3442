import type { MessageKey } from './en';
import { desk } from './zh/desk';
import { fields } from './zh/fields';
import { errors } from './zh/errors';
import { policy } from './zh/policy';
import { review } from './zh/review';
import { archive } from './zh/archive';
import { stats } from './zh/stats';
import { team } from './zh/team';
import { layout } from './zh/layout';
import { workspace } from './zh/workspace';
import { refusals } from './zh/refusals';
import { teamLink } from './zh/teamLink';
import { board } from './zh/board';
import { teamSignOff } from './zh/teamSignOff';
import { phoneKpis } from './zh/phoneKpis';
import { telephony } from './zh/telephony';
import { phoneEvents } from './zh/phoneEvents';

/** 中文词典：界面上的每一个字符串，按应用的部分分文件（./zh/）。 */
export const zh: Record<MessageKey, string> = { ...desk, ...fields, ...errors, ...policy, ...review, ...archive, ...stats, ...team, ...layout, ...workspace, ...refusals, ...teamLink, ...board, ...teamSignOff, ...phoneKpis, ...telephony, ...phoneEvents };
