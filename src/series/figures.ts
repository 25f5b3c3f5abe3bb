/**
 * The `figure:` of an episode's front matter: one figure per episode, described as data (a kind,
 * that kind's parameters, a caption and the source its numbers come from), so a written or a
 * generated series carries figures the same way. Each kind is rendered by its own module in
 * src/publish/figures/.
 *
 * @example
 *   figure:
 *     kind: compute-optimal
 *     budget: 5.88e23
 *     models: [{ name: Chinchilla, parameters: 70e9, tokens: 1.4e12 }]
 *     caption: "Compute-optimal parameters and tokens for a compute budget."
 *     source: { title: "Training Compute-Optimal Large Language Models", url: https://arxiv.org/abs/2203.15556 }
 */
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });
const positive = z.number().positive();
const label = z.string().min(1).max(60);

/** Every kind shares these: what the figure shows and where its numbers come from. */
const common = {
  caption: z.string().min(1).max(400),
  source: z.object({ title: z.string().min(1), url: httpUrl }).strict(),
};

/** Hoffmann et al. 2022: C ≈ 6·N·D and about 20 tokens per parameter at the optimum. */
export const computeOptimalSchema = z
  .object({
    kind: z.literal('compute-optimal'),
    /** Training compute in FLOPs where the figure starts; the reader moves it. */
    budget: positive,
    tokensPerParameter: positive.default(20),
    /** Real models to mark at their real sizes. */
    models: z.array(z.object({ name: label, parameters: positive, tokens: positive }).strict()).max(6).default([]),
    ...common,
  })
  .strict();

export const lrScheduleSchema = z
  .object({
    kind: z.literal('lr-schedule'),
    shape: z.enum(['cosine', 'linear', 'wsd']),
    steps: z.number().int().positive(),
    warmupSteps: z.number().int().min(0),
    peak: positive,
    /** The final learning rate as a fraction of the peak (0.1 is "down to 10%"). */
    floor: z.number().min(0).max(1),
    /** For warmup-stable-decay: the closing share of training spent cooling down. */
    decayFraction: z.number().gt(0).max(1).default(0.2),
    ...common,
  })
  .strict()
  .refine((f) => f.warmupSteps < f.steps, { message: 'warmupSteps must be fewer than steps', path: ['warmupSteps'] });

/** Rajbhandari et al. 2019: model states per GPU under ZeRO's three stages. */
export const zeroMemorySchema = z
  .object({
    kind: z.literal('zero-memory'),
    parameters: positive,
    gpus: z.number().int().positive(),
    /** K in the paper: bytes of optimizer state per parameter (12 for mixed-precision Adam). */
    optimizerBytes: positive.default(12),
    ...common,
  })
  .strict();

/** GPipe (Huang et al. 2018): the idle bubble (K − 1)/(M + K − 1). */
export const pipelineBubbleSchema = z
  .object({
    kind: z.literal('pipeline-bubble'),
    stages: z.number().int().min(1).max(16),
    microBatches: z.number().int().min(1).max(64),
    ...common,
  })
  .strict();

/** Hu et al. 2021: a d×k weight update as B (d×r) times A (r×k). */
export const loraParamsSchema = z
  .object({
    kind: z.literal('lora-params'),
    d: z.number().int().positive(),
    k: z.number().int().positive(),
    rank: z.number().int().positive(),
    /** How many matrices of this shape get an adapter (layers × adapted matrices per layer). */
    matrices: z.number().int().positive().default(1),
    ...common,
  })
  .strict();

/** Kaplan et al. 2020: C ≈ 6·N·D FLOPs, and GPU-hours at a sustained share of a GPU's peak. */
export const trainingComputeSchema = z
  .object({
    kind: z.literal('training-compute'),
    parameters: positive,
    tokens: positive,
    /** Peak dense FLOP/s of one GPU in the training precision. */
    peakFlops: positive,
    gpu: label,
    /** Model FLOPs utilisation: the share of peak actually sustained (0.4 is 40%). */
    utilisation: z.number().gt(0).max(1),
    gpus: z.number().int().positive(),
    ...common,
  })
  .strict();

/** Any table of numbers from a source: bars side by side, or one bar split into shares. */
export const barsSchema = z
  .object({
    kind: z.literal('bars'),
    /** What the values count, e.g. "GB" or "% of tokens". */
    unit: z.string().min(1).max(40),
    layout: z.enum(['bars', 'stacked']).default('bars'),
    bars: z.array(z.object({ label, value: z.number().min(0) }).strict()).min(1).max(12),
    ...common,
  })
  .strict();

/** Data parallelism: the same model on every GPU, the global batch split among them. */
export const dataParallelSchema = z
  .object({
    kind: z.literal('data-parallel'),
    gpus: z.number().int().min(1).max(1024),
    perGpuBatch: z.number().int().min(1).max(4096),
    ...common,
  })
  .strict();

/** Megatron-LM's tensor parallelism: an MLP's first matrix split by columns, the second by rows. */
export const tensorParallelSchema = z
  .object({
    kind: z.literal('tensor-parallel'),
    tensorParallel: z.number().int().min(1).max(16),
    dataParallel: z.number().int().min(1).max(1024),
    ...common,
  })
  .strict();

/** A decision as a chain of yes-or-no questions, each "yes" leading to an outcome. */
export const decisionSchema = z
  .object({
    kind: z.literal('decision'),
    steps: z.array(z.object({ question: z.string().min(1).max(90), yes: z.string().min(1).max(90) }).strict()).min(1).max(4),
    /** Where every "no" ends. */
    otherwise: z.string().min(1).max(90),
    ...common,
  })
  .strict();

/**
 * Merging by task vectors (Ilharco et al.; TIES, Yadav et al. 2023; DARE, Yu et al. 2023): a
 * schematic of two fine-tunes of one base, their task vectors and the merge; DARE's drop rate.
 */
export const taskVectorsSchema = z
  .object({
    kind: z.literal('task-vectors'),
    /** How much of the summed task vectors is added to the base. */
    scale: z.number().min(0).max(1.2),
    /** DARE: the share of each task vector's entries dropped before rescaling the rest by 1/(1 − p). */
    dropRate: z.number().min(0).max(0.99),
    ...common,
  })
  .strict();

const KINDS = [
  computeOptimalSchema,
  lrScheduleSchema,
  zeroMemorySchema,
  pipelineBubbleSchema,
  loraParamsSchema,
  trainingComputeSchema,
  barsSchema,
  dataParallelSchema,
  tensorParallelSchema,
  decisionSchema,
  taskVectorsSchema,
] as const;

export const FIGURE_KINDS: readonly string[] = KINDS.map((k) => k.shape.kind.value);

export const figureSchema = z.discriminatedUnion('kind', KINDS, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `figure.kind ${issue.input && typeof issue.input === 'object' && 'kind' in issue.input ? `is "${String(issue.input.kind)}"` : 'is missing'} — use one of ${FIGURE_KINDS.join(', ')}`
      : undefined,
});

export type ComputeOptimalFigure = z.infer<typeof computeOptimalSchema>;
export type LrScheduleFigure = z.infer<typeof lrScheduleSchema>;
export type ZeroMemoryFigure = z.infer<typeof zeroMemorySchema>;
export type PipelineBubbleFigure = z.infer<typeof pipelineBubbleSchema>;
export type LoraParamsFigure = z.infer<typeof loraParamsSchema>;
export type TrainingComputeFigure = z.infer<typeof trainingComputeSchema>;
export type BarsFigure = z.infer<typeof barsSchema>;
export type DataParallelFigure = z.infer<typeof dataParallelSchema>;
export type TensorParallelFigure = z.infer<typeof tensorParallelSchema>;
export type DecisionFigure = z.infer<typeof decisionSchema>;
export type TaskVectorsFigure = z.infer<typeof taskVectorsSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type FigureKind = Figure['kind'];
