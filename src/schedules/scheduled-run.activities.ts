import { Context } from '@temporalio/activity';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { Citation, PreviousRun, ResearchInput } from '../../workflows/contract';
import { passageKey } from '../research/whats-new';

/** Enough to mark what is new in a report, and little enough to ride in the next run's input. */
const MAX_PASSAGES = 2000;

/**
 * A scheduled research run, once its report is written, leaves what the next run compares with in
 * the schedule itself: the action's input gets `previous` (passage keys and answered
 * sub-questions, never the report). Kept in the schedule rather than looked up among past runs, so
 * the comparison survives the namespace's retention (24 hours on the local dev server) whatever
 * the schedule's period. Runs as an activity: it updates the schedule through the Temporal client.
 */
export function createScheduledRunActivities() {
  return {
    async recordScheduledRun(input: {
      schedule: string;
      taskId: string;
      citations: Pick<Citation, 'source' | 'quote'>[];
      answered: string[];
    }): Promise<void> {
      const previous: PreviousRun = {
        taskId: input.taskId,
        finishedAt: new Date().toISOString(),
        passages: [...new Set(input.citations.map(passageKey))].slice(0, MAX_PASSAGES),
        answered: input.answered,
      };
      try {
        // Read-modify-write under Temporal's conflict token: a concurrent pause is not undone.
        await Context.current()
          .client.schedule.getHandle(input.schedule)
          .update((s) => ({
            ...s,
            action: {
              ...s.action,
              args: [{ ...(s.action.args?.[0] as ResearchInput), previous }],
            },
          }));
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return; // deleted meanwhile: nothing to tell
        throw err;
      }
    },
  };
}
