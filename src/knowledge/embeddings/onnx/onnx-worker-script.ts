import type { InferenceSession } from 'onnxruntime-node';

/** What the worker needs to start: where onnxruntime-node is, the model, the session options. */
export interface OnnxWorkerData {
  onnxRuntimePath: string;
  modelPath: string;
  sessionOptions: InferenceSession.SessionOptions;
  hiddenSize: number;
}

export interface OnnxRunRequest {
  id: number;
  rows: number;
  columns: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
}

/** Asks the thread to finish its runs, release the session and end. */
export interface OnnxCloseRequest {
  kind: 'close';
}

export type OnnxWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'load-failed'; message: string }
  | { kind: 'result'; id: number; cls: Float32Array }
  | { kind: 'run-failed'; id: number; message: string };

/*
 * The worker's code, plain JavaScript so it runs without a TypeScript build step (under ts-node,
 * Jest or dist alike). It owns the ONNX session: onnxruntime-node runs inference synchronously on
 * the calling thread, which would otherwise stall the API and the Temporal worker for a whole batch.
 * Only the [CLS] rows travel back, not the whole batch × tokens × hidden tensor.
 * It ends itself on 'close' once no run is in flight: a thread terminated while onnxruntime
 * completes a run aborts the whole process ("terminate called after throwing Napi::Error").
 */
export const ONNX_WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.onnxRuntimePath);
const H = workerData.hiddenSize;
ort.InferenceSession.create(workerData.modelPath, workerData.sessionOptions).then(
  (session) => {
    let running = 0;
    let closing = false;
    const endIfIdle = () => {
      if (!closing || running > 0) return;
      closing = false;
      session.release().then(
        () => parentPort.close(),
        () => parentPort.close(),
      );
    };
    parentPort.on('message', async (req) => {
      if (req.kind === 'close') {
        closing = true;
        endIfIdle();
        return;
      }
      running++;
      try {
        const dims = [req.rows, req.columns];
        const out = await session.run({
          input_ids: new ort.Tensor('int64', req.inputIds, dims),
          attention_mask: new ort.Tensor('int64', req.attentionMask, dims),
          token_type_ids: new ort.Tensor('int64', req.tokenTypeIds, dims),
        });
        const hidden = out.last_hidden_state;
        if (!hidden || hidden.type !== 'float32' || hidden.dims[2] !== H) {
          throw new Error('expected a float32 last_hidden_state of width ' + H);
        }
        const cls = new Float32Array(req.rows * H);
        for (let r = 0; r < req.rows; r++) {
          cls.set(hidden.data.subarray(r * req.columns * H, r * req.columns * H + H), r * H);
        }
        parentPort.postMessage({ kind: 'result', id: req.id, cls }, [cls.buffer]);
      } catch (err) {
        parentPort.postMessage({ kind: 'run-failed', id: req.id, message: String((err && err.message) || err) });
      } finally {
        running--;
        endIfIdle();
      }
    });
    parentPort.postMessage({ kind: 'ready' });
  },
  (err) => parentPort.postMessage({ kind: 'load-failed', message: String((err && err.message) || err) }),
);
`;
