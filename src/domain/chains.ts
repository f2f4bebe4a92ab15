import { fenToYuan } from './money';
import { byText } from './groups';
import { chainActions, chainNodes, type ChainAction, type ChainNode } from './vocabulary';

// 产业链 (SPEC §7): the grid of key chains and their links from the counts and sums SQL makes per (chain, node).

/** What SQL counts and sums for one (chain, node) of a scope; node null = projects that name no node. */
export interface ChainCell {
  chain: string;
  node: ChainNode | null;
  landed: number;
  pipeline: number;
  plannedFen: bigint | string | number;
  arrivedFen: bigint | string | number;
  actions: Partial<Record<ChainAction, number>>;
}

const noActions = (): Record<ChainAction, number> => ({ fill: 0, extend: 0, strengthen: 0 });

export interface KeyChain {
  name: string;
  leader: string | null;
}

export interface ChainNodeFigures {
  node: ChainNode | 'unspecified';
  landed: number;
  pipeline: number;
  planned: string;
  arrived: string;
  actions: Record<ChainAction, number>;
  gap: boolean;
}

export interface ChainFigures {
  chain: string;
  key: boolean;
  leader: string | null;
  nodes: ChainNodeFigures[];
}

/**
 * 产业链 map: every key chain (in the order given) and then every other chain named by a cell (by name), each with
 * upstream/midstream/downstream and `unspecified` when some project names no node. A link of a key chain with no
 * landed and no pipeline project is a gap (缺链环节); other chains, and `unspecified`, have no gaps.
 */
export function chainMap(keyChains: readonly KeyChain[], cells: readonly ChainCell[]): ChainFigures[] {
  type Sum = {
    landed: number;
    pipeline: number;
    planned: bigint;
    arrived: bigint;
    actions: Record<ChainAction, number>;
  };
  const sums = new Map<string, Map<ChainNode | 'unspecified', Sum>>();
  for (const c of cells) {
    const nodes = sums.get(c.chain) ?? new Map<ChainNode | 'unspecified', Sum>();
    sums.set(c.chain, nodes);
    const node = c.node ?? 'unspecified';
    const s = nodes.get(node) ?? {
      landed: 0,
      pipeline: 0,
      planned: 0n,
      arrived: 0n,
      actions: noActions(),
    };
    nodes.set(node, s);
    s.landed += c.landed;
    s.pipeline += c.pipeline;
    s.planned += BigInt(c.plannedFen);
    s.arrived += BigInt(c.arrivedFen);
    for (const a of chainActions) s.actions[a] += c.actions[a] ?? 0;
  }
  const keyNames = new Set(keyChains.map((k) => k.name));
  const others = [...sums.keys()].filter((name) => !keyNames.has(name)).sort(byText);
  const chains = [
    ...keyChains.map((k) => ({ chain: k.name, key: true, leader: k.leader })),
    ...others.map((name) => ({ chain: name, key: false, leader: null })),
  ];
  return chains.map(({ chain, key, leader }) => {
    const nodes = sums.get(chain);
    const names: (ChainNode | 'unspecified')[] = [
      ...chainNodes,
      ...(nodes?.has('unspecified') ? (['unspecified'] as const) : []),
    ];
    return {
      chain,
      key,
      leader,
      nodes: names.map((node) => {
        const s = nodes?.get(node);
        const landed = s?.landed ?? 0;
        const pipeline = s?.pipeline ?? 0;
        return {
          node,
          landed,
          pipeline,
          planned: fenToYuan(s?.planned ?? 0),
          arrived: fenToYuan(s?.arrived ?? 0),
          actions: s?.actions ?? noActions(),
          gap: key && node !== 'unspecified' && landed === 0 && pipeline === 0,
        };
      }),
    };
  });
}
