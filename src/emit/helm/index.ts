export { chartName, helmChart, type ChartInput } from './chart.js';
