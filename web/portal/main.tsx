import { render } from 'preact';
import './portal.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
