import { BaseCallbackHandler, type CallbackHandlerMethods } from '@langchain/core/callbacks/base';
import { CallbackManager, type Callbacks } from '@langchain/core/callbacks/manager';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';

/**
 * The callbacks of one model call: the call's own handlers added to those it inherits from the
 * graph node it runs in. A `callbacks` list given to `invoke` replaces the inherited manager, which
 * would cut the call out of its node's run (tracing spans, LangSmith's run tree); no own handler
 * means nothing is given and the call inherits as is.
 */
export function withInheritedCallbacks(
  own: (BaseCallbackHandler | CallbackHandlerMethods)[],
): Callbacks | undefined {
  if (own.length === 0) return undefined;
  const inherited = (
    AsyncLocalStorageProviderSingleton.getRunnableConfig() as { callbacks?: Callbacks } | undefined
  )?.callbacks;
  const handlers = own.map((h) =>
    h instanceof BaseCallbackHandler ? h : BaseCallbackHandler.fromMethods(h),
  );
  if (inherited instanceof CallbackManager) return inherited.copy(handlers);
  return [...(Array.isArray(inherited) ? inherited : []), ...handlers];
}
