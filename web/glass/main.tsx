import { render } from 'preact';
import './glass.css';
import { App } from './App';
import { installArrowNavigation } from './focus';

installArrowNavigation();
render(<App />, document.getElementById('app')!);
