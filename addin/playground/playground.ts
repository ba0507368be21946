import '../taskpane/samplan-workbench.js';
