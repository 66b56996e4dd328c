import type { ModelRole } from '../../config/config';
import type { AgentEngine } from '../engine';

/**
 * One engine per role: grading, rewriting, writing and checking may each use a different model
 * (a small local grader next to a large hosted writer, or the extractive engine for any of them).
 */
export class RoleEngine implements AgentEngine {
  readonly name: string;

  constructor(private readonly roles: Record<ModelRole, AgentEngine>) {
    const names = new Set(Object.values(roles).map((e) => e.name));
    this.name =
      names.size === 1
        ? roles.generator.name
        : `grader=${roles.grader.name} rewriter=${roles.rewriter.name} generator=${roles.generator.name} checker=${roles.checker.name}`;
  }

  gradeChunks: AgentEngine['gradeChunks'] = (...args) => this.roles.grader.gradeChunks(...args);
  rewriteQuery: AgentEngine['rewriteQuery'] = (...args) =>
    this.roles.rewriter.rewriteQuery(...args);
  generateAnswer: AgentEngine['generateAnswer'] = (...args) =>
    this.roles.generator.generateAnswer(...args);
  checkGrounding: AgentEngine['checkGrounding'] = (...args) =>
    this.roles.checker.checkGrounding(...args);
  checkAnswer: AgentEngine['checkAnswer'] = (...args) => this.roles.checker.checkAnswer(...args);
}
